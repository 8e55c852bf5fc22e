#!/usr/bin/env bash
# Re-fetch the vendored browser files from the npm registry and copy them beside this script.
#
#   bash api/static/vendor/refresh.sh
#
# Each package is fetched at exactly the version below with `npm pack` into a temporary directory
# (no node_modules, no package.json, no install scripts), its tarball is checked against the
# registry integrity recorded here (also listed in VENDOR.md), and only the files the pages use are
# copied. Every copied file is byte-identical to the one in the tarball (the explorer plugin's LICENSE
# is written: its tarball has none); SHA256SUMS lists them all
# (check with `cd api/static/vendor && sha256sum -c SHA256SUMS`).
#
# To upgrade a package: change its version, paste the output of
# `npm view <name>@<version> dist.integrity` as its integrity, run this script, update VENDOR.md
# (the script prints each file's size) and check the pages offline in a browser.
# Nothing in the build or the tests runs this script.
set -euo pipefail

VENDOR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

REACT=18.3.1
REACT_INTEGRITY=sha512-wS+hAgJShR0KhEvPJArfuPVN1+Hz1t0Y6n5jLrGQbkb4urgPE/0Rve+1kMB1v/oWgHgm4WIcV+i7F2pTVj+2iQ==
REACT_DOM=18.3.1
REACT_DOM_INTEGRITY=sha512-5m4nQKp+rZRb09LNH59GM4BxTh9251/ylbKIbpe7TpGxfJ+9kv6BLkLBXIjjspbgbnIBNqlI23tRnTWT0snUIw==
GRAPHIQL=3.9.0
GRAPHIQL_INTEGRITY=sha512-rJYFlHdBbug9+YbFSwRVvgfPjCayC7wHecZkx/qB4XLuQPFQZw/yB9pmHFtOJV6RiNBBHro3u1GdocKa3YcGRA==
EXPLORER=3.2.6
EXPLORER_INTEGRITY=sha512-MXzG/zVNzZfes4Em253bHyAbD/lwwAZkPKvxCAQkjz0i3dtcv4uF3D8iqJ7214iu3SCphbORYZZUC93fik1yew==
# bundled inside @graphiql/plugin-explorer's index.umd.js: fetched only for its LICENSE
GRAPHIQL_EXPLORER=0.9.0
GRAPHIQL_EXPLORER_INTEGRITY=sha512-fZC/wsuatqiQDO2otchxriFO0LaWIo/ovF/CQJ1yOudmY0P7pzDiP+l9CEHUiWbizk3e99x6DQG4XG1VxA+d6A==
LEAFLET=1.9.4
LEAFLET_INTEGRITY=sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==
TOPOJSON_CLIENT=3.1.0
TOPOJSON_CLIENT_INTEGRITY=sha512-605uxS6bcYxGXw9qi62XyrV6Q3xwbndjachmNxu8HWTtVPxZfEJN9fd/SZS1Q54Sn2y0TMyMxFj/cJINqGHrKw==

# fetch NAME VERSION INTEGRITY: the package unpacked into $WORK/NAME, its tarball checked first
fetch() {
    local name=$1 version=$2 expected=$3 tgz actual
    tgz=$(cd "$WORK" && npm pack --silent --ignore-scripts "$name@$version" | tail -n 1)
    actual="sha512-$(node -e '
        const data = require("fs").readFileSync(process.argv[1]);
        process.stdout.write(require("crypto").createHash("sha512").update(data).digest("base64"));
    ' "$WORK/$tgz")"
    if [[ $actual != "$expected" ]]; then
        echo "$name@$version: tarball integrity $actual, expected $expected" >&2
        exit 1
    fi
    mkdir -p "$WORK/$name"
    tar -xzf "$WORK/$tgz" -C "$WORK/$name" --strip-components=1
    echo "fetched $name@$version ($expected)"
}

# take NAME DEST FILE...: copy FILEs (paths inside the package) into $VENDOR/DEST, flattened
take() {
    local name=$1 dest=$2 file
    shift 2
    mkdir -p "$VENDOR/$dest"
    for file in "$@"; do
        cp "$WORK/$name/$file" "$VENDOR/$dest/"
    done
}

fetch react "$REACT" "$REACT_INTEGRITY"
fetch react-dom "$REACT_DOM" "$REACT_DOM_INTEGRITY"
fetch graphiql "$GRAPHIQL" "$GRAPHIQL_INTEGRITY"
fetch @graphiql/plugin-explorer "$EXPLORER" "$EXPLORER_INTEGRITY"
fetch graphiql-explorer "$GRAPHIQL_EXPLORER" "$GRAPHIQL_EXPLORER_INTEGRITY"
fetch leaflet "$LEAFLET" "$LEAFLET_INTEGRITY"
fetch topojson-client "$TOPOJSON_CLIENT" "$TOPOJSON_CLIENT_INTEGRITY"

rm -rf "$VENDOR/react" "$VENDOR/react-dom" "$VENDOR/graphiql" \
    "$VENDOR/graphiql-plugin-explorer" "$VENDOR/leaflet" "$VENDOR/topojson-client"

take react react umd/react.production.min.js LICENSE
take react-dom react-dom umd/react-dom.production.min.js LICENSE
# graphiql.min.js is the UMD build (dist/index.umd.js under another name): it reads window.React
# and window.ReactDOM and bundles everything else it runs (CodeMirror 5, graphql-js, ...)
take graphiql graphiql graphiql.min.js graphiql.min.css LICENSE
take @graphiql/plugin-explorer graphiql-plugin-explorer dist/index.umd.js dist/style.css
take leaflet leaflet dist/leaflet.js dist/leaflet.css LICENSE
mkdir -p "$VENDOR/leaflet/images"
cp "$WORK/leaflet/dist/images/"*.png "$VENDOR/leaflet/images/"
# the explorer draws the boundary topologies with topojson.feature and merges footprints of
# districts with topojson.merge (UMD build: the global `topojson`)
take topojson-client topojson-client dist/topojson-client.min.js LICENSE

# @graphiql/plugin-explorer's tarball has no LICENSE file (its package.json says MIT)
{
    echo "@graphiql/plugin-explorer $EXPLORER ships no LICENSE file. Its package.json says \"MIT\" and"
    echo "it is published from the graphql/graphiql repository, whose MIT licence, as shipped in"
    echo "graphiql $GRAPHIQL, is the first part below. Its index.umd.js bundles graphiql-explorer"
    echo "$GRAPHIQL_EXPLORER, whose LICENSE (from that package) is the second part."
    echo
    echo "----------------------------------------------------------------------------------------"
    echo
    cat "$WORK/graphiql/LICENSE"
    echo
    echo "----------------------------------------------------------------------------------------"
    echo
    cat "$WORK/graphiql-explorer/LICENSE"
} >"$VENDOR/graphiql-plugin-explorer/LICENSE"

cd "$VENDOR"
find react react-dom graphiql graphiql-plugin-explorer leaflet topojson-client -type f |
    LC_ALL=C sort | xargs sha256sum >SHA256SUMS
echo
echo "bytes  file"
find react react-dom graphiql graphiql-plugin-explorer leaflet topojson-client -type f |
    LC_ALL=C sort | xargs wc -c
