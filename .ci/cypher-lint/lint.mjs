// Lint Cypher files with Neo4j's own front end (@neo4j-cypher/language-support).
// Usage: node lint.mjs SCHEMA.json FILE.cypher ...
// SCHEMA.json holds the project's labels, relationshipTypes and propertyKeys; each file's
// parameters are the $names its header comment declares ("// Parameters: ...").
// Prints one JSON object: {file: [diagnostics]}; exits 1 when any file has a diagnostic.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// the package's CommonJS build (its ESM build has extensionless imports that node cannot resolve)
const { lintCypherQuery } = createRequire(import.meta.url)('@neo4j-cypher/language-support');

const [schemaPath, ...files] = process.argv.slice(2);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const report = {};
let failed = false;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const header = text.split('\n').filter((line) => line.startsWith('//')).join('\n');
  const declared = (header.match(/Parameters:.*$/m) || [''])[0];
  const parameters = {};
  for (const [, name] of declared.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
    parameters[name] = name === 'rows' ? [] : '';
  }
  const result = lintCypherQuery(text, { ...schema, parameters });
  const diagnostics = (result.diagnostics || result).map((d) => ({
    severity: d.severity, message: d.message, offsets: d.offsets,
  }));
  report[file] = diagnostics;
  if (diagnostics.length) { failed = true; }
}
console.log(JSON.stringify(report, null, 1));
process.exit(failed ? 1 : 0);
