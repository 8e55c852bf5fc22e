/*
 * GraphiQL for the Safeguarding Landscape Graph (loaded by graphiql.html).
 *
 * Uses the globals of the vendored UMD builds only: React, ReactDOM, GraphiQL (graphiql 3, whose
 * GraphiQL.React holds @graphiql/react) and GraphiQLPluginExplorer. Queries are posted as JSON to
 * /graphql on the same origin; example operations come from /static/examples.json, a list of
 * {"name": ..., "query": ...}, and open in a tab of their own from the picker above the editor.
 * Nothing here needs an inline script, eval or a request to another host.
 */
(function () {
  'use strict';

  const ENDPOINT = '/graphql';
  const EXAMPLES_URL = '/static/examples.json';
  const SCHEMA_URL = '/schema.graphql';
  const DEFAULT_QUERY = [
    '# The Safeguarding Landscape Graph: pick an example above, or write a query here.',
    '# Ctrl+Enter (Cmd+Enter) runs it; the Docs and Explorer panels on the left show the schema.',
    '',
    '{',
    '  __typename',
    '}',
    '',
  ].join('\n');

  const root = document.getElementById('graphiql');
  const status = document.getElementById('slg-status');

  if (!window.React || !window.ReactDOM || !window.GraphiQL) {
    if (status) {
      status.textContent = 'GraphiQL could not start: its scripts under /static/vendor/ did not load.';
    }
    return;
  }

  const h = React.createElement;

  /** GraphiQL's fetcher: the operation as JSON, answered by the JSON body whatever the status. */
  function fetcher(params, options) {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    Object.assign(headers, (options && options.headers) || {});
    return fetch(ENDPOINT, {
      method: 'POST',
      headers: headers,
      body: JSON.stringify(params),
      credentials: 'same-origin',
    }).then(function (response) {
      // the API answers refusals (400, 413) as GraphQL errors in JSON: show them as they are
      return response.text().then(function (text) {
        try {
          return JSON.parse(text);
        } catch (_) {
          throw new Error(
            'HTTP ' + response.status + ' ' + response.statusText + ': ' + text.slice(0, 500)
          );
        }
      });
    });
  }

  /** The examples served at EXAMPLES_URL; none if it is missing or not a list of them. */
  function loadExamples() {
    return fetch(EXAMPLES_URL, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        return response.ok ? response.json() : [];
      })
      .then(function (list) {
        if (!Array.isArray(list)) return [];
        return list.filter(function (item) {
          return item && typeof item.name === 'string' && typeof item.query === 'string';
        });
      })
      .catch(function (error) {
        console.warn('No example operations: ' + error);
        return [];
      });
  }

  /**
   * The picker of examples and the link to the schema, in GraphiQL's header. An example already
   * open in a tab is switched to; otherwise it opens in a new tab, leaving the others as they were.
   */
  function ExamplePicker(props) {
    const editor = GraphiQL.React.useEditorContext({ nonNull: true });
    const [pending, setPending] = React.useState(null);
    const queryEditor = editor.queryEditor;

    // addTab fills the new tab with the default query when it renders; the example goes in after
    React.useEffect(
      function () {
        if (pending !== null && queryEditor) {
          queryEditor.setValue(pending);
          setPending(null);
        }
      },
      [pending, queryEditor, editor.activeTabIndex]
    );

    function open(event) {
      const example = props.examples[Number(event.target.value)];
      if (!example) return;
      const index = editor.tabs.findIndex(function (tab) {
        return tab.query === example.query;
      });
      if (index >= 0) {
        editor.changeTab(index);
      } else {
        editor.addTab();
        setPending(example.query);
      }
    }

    const children = [];
    if (props.examples.length > 0) {
      children.push(
        h(
          'select',
          {
            key: 'examples',
            className: 'slg-examples',
            'aria-label': 'Open an example operation in a new tab',
            title: 'Open an example operation in a new tab',
            value: '',
            onChange: open,
          },
          [h('option', { key: '', value: '', disabled: true }, 'Examples…')].concat(
            props.examples.map(function (example, i) {
              return h('option', { key: i, value: String(i) }, example.name);
            })
          )
        )
      );
    }
    children.push(
      h(
        'a',
        { key: 'schema', className: 'slg-schema', href: SCHEMA_URL, title: 'The schema in SDL' },
        'schema.graphql'
      )
    );
    return h('div', { className: 'slg-header' }, children);
  }

  const plugins = window.GraphiQLPluginExplorer
    ? [GraphiQLPluginExplorer.explorerPlugin()]
    : [];
  const reactRoot = ReactDOM.createRoot(root);

  function render(examples) {
    reactRoot.render(
      h(
        GraphiQL,
        { fetcher: fetcher, defaultQuery: DEFAULT_QUERY, plugins: plugins },
        h(GraphiQL.Logo, null, h(ExamplePicker, { examples: examples }))
      )
    );
  }

  // the editor first, the examples as soon as they arrive
  render([]);
  loadExamples().then(function (examples) {
    if (examples.length > 0) render(examples);
  });
})();
