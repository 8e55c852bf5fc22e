// Graph store schema: wait until the indexes above are online before the first write, so that
// the writes' MATCH and MERGE by (id, version) use them instead of scanning every entity.
CALL db.awaitIndexes(300)
