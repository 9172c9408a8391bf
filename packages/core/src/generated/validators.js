// Generated from spec/schemas by packages/core/scripts/compile-schemas.mjs: do not edit.
// Regenerate with `npm run schemas -w @intentcast/core`; a test fails when this file is out of date.
// biome-ignore-all format: generated code
// biome-ignore-all lint: generated code
// biome-ignore-all assist: generated code
import equalModule from 'ajv/dist/runtime/equal.js';
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';

// A CommonJS module imported from an ES module: Node and bundlers in Node mode give module.exports,
// other bundlers its `default`. Either way, the helper is a function.
function runtimeHelper(module) {
  return typeof module === 'function' ? module : module.default;
}

export const intent = validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://intentcast.org/schemas/v1/intent.json","title":"Intent","description":"A buyer's signed announcement of what they want, on their own terms (spec/messages.md#intent).","type":"object","allOf":[{"$ref":"envelope.json"}],"properties":{"type":{"const":"intent"},"ref":false,"thread":false,"body":{"type":"object","properties":{"what":{"type":"object","properties":{"category":{"$ref":"defs.json#/$defs/category"},"description":{"$ref":"defs.json#/$defs/text"},"attributes":{"type":"object","maxProperties":32,"propertyNames":{"pattern":"^[a-z][a-z0-9_.-]{0,63}$"},"additionalProperties":{"anyOf":[{"type":"string","maxLength":256},{"type":"number"},{"type":"boolean"}]}},"quantity":{"$ref":"defs.json#/$defs/quantity"}},"required":["category","description","quantity"],"additionalProperties":false},"where":{"type":"object","properties":{"region":{"$ref":"defs.json#/$defs/region"},"geo":{"$ref":"defs.json#/$defs/geo"}},"minProperties":1,"additionalProperties":false},"when":{"$ref":"defs.json#/$defs/window"},"budget":{"type":"object","properties":{"currency":{"$ref":"defs.json#/$defs/currency"},"max":{"$ref":"defs.json#/$defs/amount"},"min":{"$ref":"defs.json#/$defs/amount"}},"required":["currency","max"],"additionalProperties":false},"terms":{"type":"array","minItems":1,"maxItems":8,"uniqueItems":true,"items":{"$ref":"defs.json#/$defs/termsRef"}},"offerCap":{"type":"integer","minimum":1,"maximum":100},"sealKey":{"$ref":"defs.json#/$defs/sealKey"}},"required":["what","terms","offerCap"],"additionalProperties":false}},"unevaluatedProperties":false};
const schema49 = {"description":"A category from the registered vocabulary (spec/categories.md), or an absolute https or urn URI for others.","type":"string","maxLength":256,"anyOf":[{"pattern":"^(?:lodging|travel|auto|home|electronics|food|health|finance|services|education|events|retail)(?:\\.[a-z0-9][a-z0-9-]{0,31}){0,4}$"},{"pattern":"^(?:https://[A-Za-z0-9.-]+(?::[0-9]+)?/[!-~]*|urn:[a-z0-9][a-z0-9-]{0,31}:[!-~]+)$"}]};
const schema50 = {"description":"Free text for people.","type":"string","minLength":1,"maxLength":2000};
const schema51 = {"type":"integer","minimum":1,"maximum":10000};
const schema52 = {"description":"An ISO 3166-1 alpha-2 country code, or an ISO 3166-2 subdivision code.","type":"string","pattern":"^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$"};
const schema53 = {"description":"A circle on the WGS 84 ellipsoid: centre latitude and longitude in degrees, radius in kilometres.","type":"object","properties":{"lat":{"type":"number","minimum":-90,"maximum":90},"lon":{"type":"number","minimum":-180,"maximum":180},"radiusKm":{"type":"number","exclusiveMinimum":0,"maximum":20000}},"required":["lat","lon","radiusKm"],"additionalProperties":false};
const schema57 = {"description":"An ISO 4217 alphabetic currency code.","type":"string","pattern":"^[A-Z]{3}$"};
const schema58 = {"description":"A non-negative decimal amount as a string: no sign, no exponent, no leading zeros, at most 6 decimals.","type":"string","pattern":"^(?:0|[1-9][0-9]{0,14})(?:\\.[0-9]{1,6})?$"};
const schema60 = {"description":"A reference to a personal-terms document: its URI and the SHA-256 of its exact bytes.","type":"object","properties":{"uri":{"type":"string","maxLength":512,"pattern":"^(?:https://[A-Za-z0-9.-]+(?::[0-9]+)?/[!-~]*|urn:[a-z0-9][a-z0-9-]{0,31}:[!-~]+)$"},"sha256":{"type":"string","pattern":"^[0-9a-f]{64}$"}},"required":["uri","sha256"],"additionalProperties":false};
const schema61 = {"description":"An X25519 public key as a JWK (RFC 8037), to which the counterparty seals private parts.","type":"object","properties":{"kty":{"const":"OKP"},"crv":{"const":"X25519"},"x":{"type":"string","pattern":"^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$"}},"required":["kty","crv","x"],"additionalProperties":false};
const schema32 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://intentcast.org/schemas/v1/envelope.json","title":"Intentcast message envelope","description":"The fields every Intentcast message carries (spec/envelope.md). Each type's schema adds `type` and `body`.","type":"object","properties":{"protocol":{"const":"intentcast/1"},"type":{"enum":["intent","offer","reply","withdraw","confirm"]},"author":{"$ref":"defs.json#/$defs/didKey"},"created":{"$ref":"defs.json#/$defs/timestamp"},"expires":{"$ref":"defs.json#/$defs/timestamp"},"nonce":{"$ref":"defs.json#/$defs/nonce"},"ref":{"$ref":"defs.json#/$defs/id"},"thread":{"$ref":"defs.json#/$defs/id"},"body":{"type":"object"},"ext":{"$ref":"defs.json#/$defs/ext"},"id":{"$ref":"defs.json#/$defs/id"},"sig":{"$ref":"defs.json#/$defs/signature"}},"required":["protocol","type","author","created","expires","nonce","body","id","sig"]};
const schema34 = {"description":"An Ed25519 public key as did:key (multicodec 0xed01, base58btc).","type":"string","pattern":"^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44,45}$"};
const schema35 = {"description":"A UTC time in RFC 3339 form with a Z suffix and whole seconds or exactly three fractional digits.","type":"string","pattern":"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"};
const schema37 = {"description":"16 to 32 random bytes in lowercase hexadecimal.","type":"string","pattern":"^(?:[0-9a-f]{2}){16,32}$"};
const schema38 = {"description":"A message id: SHA-256 of the canonical bytes, 64 lowercase hexadecimal digits.","type":"string","pattern":"^[0-9a-f]{64}$"};
const schema48 = {"description":"An Ed25519 signature, 128 lowercase hexadecimal digits.","type":"string","pattern":"^[0-9a-f]{128}$"};
const pattern4 = new RegExp("^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44,45}$", "u");
const pattern5 = new RegExp("^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$", "u");
const pattern7 = new RegExp("^(?:[0-9a-f]{2}){16,32}$", "u");
const pattern8 = new RegExp("^[0-9a-f]{64}$", "u");
const pattern12 = new RegExp("^[0-9a-f]{128}$", "u");
const schema40 = {"description":"Extension fields, named in reverse-DNS style (org.example.loyalty); signed like every other field.","type":"object","maxProperties":16,"propertyNames":{"pattern":"^[a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+$","maxLength":128},"additionalProperties":{"$ref":"#/$defs/extValue"}};
const func1 = runtimeHelper(ucs2lengthModule);
const pattern10 = new RegExp("^[a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+$", "u");
const schema41 = {"description":"An extension value: a scalar, or an array or object of at most two more levels.","anyOf":[{"$ref":"#/$defs/extScalar"},{"type":"array","maxItems":32,"items":{"$ref":"#/$defs/extValue2"}},{"type":"object","maxProperties":32,"propertyNames":{"maxLength":64},"additionalProperties":{"$ref":"#/$defs/extValue2"}}]};
const schema42 = {"anyOf":[{"type":"string","maxLength":2000},{"type":"number"},{"type":"boolean"},{"type":"null"}]};
const schema43 = {"anyOf":[{"$ref":"#/$defs/extScalar"},{"type":"array","maxItems":32,"items":{"$ref":"#/$defs/extScalar"}},{"type":"object","maxProperties":32,"propertyNames":{"maxLength":64},"additionalProperties":{"$ref":"#/$defs/extScalar"}}]};

function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate25.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs0 = errors;
let valid0 = false;
const _errs1 = errors;
const _errs3 = errors;
let valid2 = false;
const _errs4 = errors;
if(errors === _errs4){
if(typeof data === "string"){
if(func1(data) > 2000){
const err0 = {instancePath,schemaPath:"#/$defs/extScalar/anyOf/0/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
else {
const err1 = {instancePath,schemaPath:"#/$defs/extScalar/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var _valid1 = _errs4 === errors;
valid2 = valid2 || _valid1;
const _errs6 = errors;
if(!((typeof data == "number") && (isFinite(data)))){
const err2 = {instancePath,schemaPath:"#/$defs/extScalar/anyOf/1/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
var _valid1 = _errs6 === errors;
valid2 = valid2 || _valid1;
const _errs8 = errors;
if(typeof data !== "boolean"){
const err3 = {instancePath,schemaPath:"#/$defs/extScalar/anyOf/2/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
var _valid1 = _errs8 === errors;
valid2 = valid2 || _valid1;
const _errs10 = errors;
if(data !== null){
const err4 = {instancePath,schemaPath:"#/$defs/extScalar/anyOf/3/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
var _valid1 = _errs10 === errors;
valid2 = valid2 || _valid1;
if(!valid2){
const err5 = {instancePath,schemaPath:"#/$defs/extScalar/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
else {
errors = _errs3;
if(vErrors !== null){
if(_errs3){
vErrors.length = _errs3;
}
else {
vErrors = null;
}
}
}
var _valid0 = _errs1 === errors;
valid0 = valid0 || _valid0;
const _errs12 = errors;
if(errors === _errs12){
if(Array.isArray(data)){
if(data.length > 32){
const err6 = {instancePath,schemaPath:"#/anyOf/1/maxItems",keyword:"maxItems",params:{limit: 32},message:"must NOT have more than 32 items"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
else {
var valid3 = true;
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
const _errs14 = errors;
const _errs16 = errors;
let valid5 = false;
const _errs17 = errors;
if(errors === _errs17){
if(typeof data0 === "string"){
if(func1(data0) > 2000){
const err7 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/extScalar/anyOf/0/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/extScalar/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
var _valid2 = _errs17 === errors;
valid5 = valid5 || _valid2;
const _errs19 = errors;
if(!((typeof data0 == "number") && (isFinite(data0)))){
const err9 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/extScalar/anyOf/1/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
var _valid2 = _errs19 === errors;
valid5 = valid5 || _valid2;
const _errs21 = errors;
if(typeof data0 !== "boolean"){
const err10 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/extScalar/anyOf/2/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
var _valid2 = _errs21 === errors;
valid5 = valid5 || _valid2;
const _errs23 = errors;
if(data0 !== null){
const err11 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/extScalar/anyOf/3/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
var _valid2 = _errs23 === errors;
valid5 = valid5 || _valid2;
if(!valid5){
const err12 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/extScalar/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
else {
errors = _errs16;
if(vErrors !== null){
if(_errs16){
vErrors.length = _errs16;
}
else {
vErrors = null;
}
}
}
var valid3 = _errs14 === errors;
if(!valid3){
break;
}
}
}
}
else {
const err13 = {instancePath,schemaPath:"#/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
var _valid0 = _errs12 === errors;
valid0 = valid0 || _valid0;
if(_valid0){
var items0 = true;
}
const _errs25 = errors;
if(errors === _errs25){
if(data && typeof data == "object" && !Array.isArray(data)){
if(Object.keys(data).length > 32){
const err14 = {instancePath,schemaPath:"#/anyOf/2/maxProperties",keyword:"maxProperties",params:{limit: 32},message:"must NOT have more than 32 properties"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
else {
for(const key0 in data){
const _errs27 = errors;
if(typeof key0 === "string"){
if(func1(key0) > 64){
const err15 = {instancePath,schemaPath:"#/anyOf/2/propertyNames/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",propertyName:key0};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
var valid6 = _errs27 === errors;
if(!valid6){
const err16 = {instancePath,schemaPath:"#/anyOf/2/propertyNames",keyword:"propertyNames",params:{propertyName: key0},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
break;
}
}
if(valid6){
for(const key1 in data){
let data1 = data[key1];
const _errs29 = errors;
const _errs31 = errors;
let valid9 = false;
const _errs32 = errors;
if(errors === _errs32){
if(typeof data1 === "string"){
if(func1(data1) > 2000){
const err17 = {instancePath:instancePath+"/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/extScalar/anyOf/0/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/extScalar/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
var _valid3 = _errs32 === errors;
valid9 = valid9 || _valid3;
const _errs34 = errors;
if(!((typeof data1 == "number") && (isFinite(data1)))){
const err19 = {instancePath:instancePath+"/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/extScalar/anyOf/1/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
var _valid3 = _errs34 === errors;
valid9 = valid9 || _valid3;
const _errs36 = errors;
if(typeof data1 !== "boolean"){
const err20 = {instancePath:instancePath+"/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/extScalar/anyOf/2/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
var _valid3 = _errs36 === errors;
valid9 = valid9 || _valid3;
const _errs38 = errors;
if(data1 !== null){
const err21 = {instancePath:instancePath+"/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/extScalar/anyOf/3/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
var _valid3 = _errs38 === errors;
valid9 = valid9 || _valid3;
if(!valid9){
const err22 = {instancePath:instancePath+"/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/extScalar/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
else {
errors = _errs31;
if(vErrors !== null){
if(_errs31){
vErrors.length = _errs31;
}
else {
vErrors = null;
}
}
}
var valid7 = _errs29 === errors;
if(!valid7){
break;
}
}
}
}
}
else {
const err23 = {instancePath,schemaPath:"#/anyOf/2/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
var _valid0 = _errs25 === errors;
valid0 = valid0 || _valid0;
if(_valid0){
var props0 = true;
}
if(!valid0){
const err24 = {instancePath,schemaPath:"#/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
validate25.errors = vErrors;
return false;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
validate25.errors = vErrors;
evaluated0.props = props0;
evaluated0.items = items0;
return errors === 0;
}
validate25.evaluated = {"dynamicProps":true,"dynamicItems":true};


function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate24.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs0 = errors;
let valid0 = false;
const _errs1 = errors;
const _errs3 = errors;
let valid2 = false;
const _errs4 = errors;
if(errors === _errs4){
if(typeof data === "string"){
if(func1(data) > 2000){
const err0 = {instancePath,schemaPath:"#/$defs/extScalar/anyOf/0/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
else {
const err1 = {instancePath,schemaPath:"#/$defs/extScalar/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var _valid1 = _errs4 === errors;
valid2 = valid2 || _valid1;
const _errs6 = errors;
if(!((typeof data == "number") && (isFinite(data)))){
const err2 = {instancePath,schemaPath:"#/$defs/extScalar/anyOf/1/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
var _valid1 = _errs6 === errors;
valid2 = valid2 || _valid1;
const _errs8 = errors;
if(typeof data !== "boolean"){
const err3 = {instancePath,schemaPath:"#/$defs/extScalar/anyOf/2/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
var _valid1 = _errs8 === errors;
valid2 = valid2 || _valid1;
const _errs10 = errors;
if(data !== null){
const err4 = {instancePath,schemaPath:"#/$defs/extScalar/anyOf/3/type",keyword:"type",params:{type: "null"},message:"must be null"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
var _valid1 = _errs10 === errors;
valid2 = valid2 || _valid1;
if(!valid2){
const err5 = {instancePath,schemaPath:"#/$defs/extScalar/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
else {
errors = _errs3;
if(vErrors !== null){
if(_errs3){
vErrors.length = _errs3;
}
else {
vErrors = null;
}
}
}
var _valid0 = _errs1 === errors;
valid0 = valid0 || _valid0;
const _errs12 = errors;
if(errors === _errs12){
if(Array.isArray(data)){
if(data.length > 32){
const err6 = {instancePath,schemaPath:"#/anyOf/1/maxItems",keyword:"maxItems",params:{limit: 32},message:"must NOT have more than 32 items"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
else {
var valid3 = true;
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
const _errs14 = errors;
if(!(validate25(data[i0], {instancePath:instancePath+"/" + i0,parentData:data,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
var valid3 = _errs14 === errors;
if(!valid3){
break;
}
}
}
}
else {
const err7 = {instancePath,schemaPath:"#/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
var _valid0 = _errs12 === errors;
valid0 = valid0 || _valid0;
if(_valid0){
var items1 = true;
}
const _errs15 = errors;
if(errors === _errs15){
if(data && typeof data == "object" && !Array.isArray(data)){
if(Object.keys(data).length > 32){
const err8 = {instancePath,schemaPath:"#/anyOf/2/maxProperties",keyword:"maxProperties",params:{limit: 32},message:"must NOT have more than 32 properties"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
else {
for(const key0 in data){
const _errs17 = errors;
if(typeof key0 === "string"){
if(func1(key0) > 64){
const err9 = {instancePath,schemaPath:"#/anyOf/2/propertyNames/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",propertyName:key0};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
var valid4 = _errs17 === errors;
if(!valid4){
const err10 = {instancePath,schemaPath:"#/anyOf/2/propertyNames",keyword:"propertyNames",params:{propertyName: key0},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
break;
}
}
if(valid4){
for(const key1 in data){
const _errs19 = errors;
if(!(validate25(data[key1], {instancePath:instancePath+"/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data,parentDataProperty:key1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
var valid5 = _errs19 === errors;
if(!valid5){
break;
}
}
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/anyOf/2/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
var _valid0 = _errs15 === errors;
valid0 = valid0 || _valid0;
if(_valid0){
var props2 = true;
}
if(!valid0){
const err12 = {instancePath,schemaPath:"#/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
validate24.errors = vErrors;
return false;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
validate24.errors = vErrors;
evaluated0.props = props2;
evaluated0.items = items1;
return errors === 0;
}
validate24.evaluated = {"dynamicProps":true,"dynamicItems":true};


function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate23.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
if(Object.keys(data).length > 16){
validate23.errors = [{instancePath,schemaPath:"#/maxProperties",keyword:"maxProperties",params:{limit: 16},message:"must NOT have more than 16 properties"}];
return false;
}
else {
for(const key0 in data){
const _errs1 = errors;
if(typeof key0 === "string"){
if(func1(key0) > 128){
const err0 = {instancePath,schemaPath:"#/propertyNames/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",propertyName:key0};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
else {
if(!pattern10.test(key0)){
const err1 = {instancePath,schemaPath:"#/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+$"},message:"must match pattern \""+"^[a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+$"+"\"",propertyName:key0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
}
var valid0 = _errs1 === errors;
if(!valid0){
const err2 = {instancePath,schemaPath:"#/propertyNames",keyword:"propertyNames",params:{propertyName: key0},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
validate23.errors = vErrors;
return false;
break;
}
}
if(valid0){
for(const key1 in data){
const _errs3 = errors;
if(!(validate24(data[key1], {instancePath:instancePath+"/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data,parentDataProperty:key1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
var valid1 = _errs3 === errors;
if(!valid1){
break;
}
}
}
}
}
else {
validate23.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate23.errors = vErrors;
return errors === 0;
}
validate23.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://intentcast.org/schemas/v1/envelope.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((((((data.protocol === undefined) && (missing0 = "protocol")) || ((data.type === undefined) && (missing0 = "type"))) || ((data.author === undefined) && (missing0 = "author"))) || ((data.created === undefined) && (missing0 = "created"))) || ((data.expires === undefined) && (missing0 = "expires"))) || ((data.nonce === undefined) && (missing0 = "nonce"))) || ((data.body === undefined) && (missing0 = "body"))) || ((data.id === undefined) && (missing0 = "id"))) || ((data.sig === undefined) && (missing0 = "sig"))){
validate21.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.protocol !== undefined){
const _errs1 = errors;
if("intentcast/1" !== data.protocol){
validate21.errors = [{instancePath:instancePath+"/protocol",schemaPath:"#/properties/protocol/const",keyword:"const",params:{allowedValue: "intentcast/1"},message:"must be equal to constant"}];
return false;
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.type !== undefined){
let data1 = data.type;
const _errs2 = errors;
if(!(((((data1 === "intent") || (data1 === "offer")) || (data1 === "reply")) || (data1 === "withdraw")) || (data1 === "confirm"))){
validate21.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema32.properties.type.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.author !== undefined){
let data2 = data.author;
const _errs3 = errors;
const _errs4 = errors;
if(errors === _errs4){
if(typeof data2 === "string"){
if(!pattern4.test(data2)){
validate21.errors = [{instancePath:instancePath+"/author",schemaPath:"defs.json#/$defs/didKey/pattern",keyword:"pattern",params:{pattern: "^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44,45}$"},message:"must match pattern \""+"^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44,45}$"+"\""}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/author",schemaPath:"defs.json#/$defs/didKey/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.created !== undefined){
let data3 = data.created;
const _errs6 = errors;
const _errs7 = errors;
if(errors === _errs7){
if(typeof data3 === "string"){
if(!pattern5.test(data3)){
validate21.errors = [{instancePath:instancePath+"/created",schemaPath:"defs.json#/$defs/timestamp/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"},message:"must match pattern \""+"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"+"\""}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/created",schemaPath:"defs.json#/$defs/timestamp/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs6 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.expires !== undefined){
let data4 = data.expires;
const _errs9 = errors;
const _errs10 = errors;
if(errors === _errs10){
if(typeof data4 === "string"){
if(!pattern5.test(data4)){
validate21.errors = [{instancePath:instancePath+"/expires",schemaPath:"defs.json#/$defs/timestamp/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"},message:"must match pattern \""+"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"+"\""}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/expires",schemaPath:"defs.json#/$defs/timestamp/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs9 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.nonce !== undefined){
let data5 = data.nonce;
const _errs12 = errors;
const _errs13 = errors;
if(errors === _errs13){
if(typeof data5 === "string"){
if(!pattern7.test(data5)){
validate21.errors = [{instancePath:instancePath+"/nonce",schemaPath:"defs.json#/$defs/nonce/pattern",keyword:"pattern",params:{pattern: "^(?:[0-9a-f]{2}){16,32}$"},message:"must match pattern \""+"^(?:[0-9a-f]{2}){16,32}$"+"\""}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/nonce",schemaPath:"defs.json#/$defs/nonce/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs12 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.ref !== undefined){
let data6 = data.ref;
const _errs15 = errors;
const _errs16 = errors;
if(errors === _errs16){
if(typeof data6 === "string"){
if(!pattern8.test(data6)){
validate21.errors = [{instancePath:instancePath+"/ref",schemaPath:"defs.json#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"},message:"must match pattern \""+"^[0-9a-f]{64}$"+"\""}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/ref",schemaPath:"defs.json#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs15 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.thread !== undefined){
let data7 = data.thread;
const _errs18 = errors;
const _errs19 = errors;
if(errors === _errs19){
if(typeof data7 === "string"){
if(!pattern8.test(data7)){
validate21.errors = [{instancePath:instancePath+"/thread",schemaPath:"defs.json#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"},message:"must match pattern \""+"^[0-9a-f]{64}$"+"\""}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/thread",schemaPath:"defs.json#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs18 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.body !== undefined){
let data8 = data.body;
const _errs21 = errors;
if(!(data8 && typeof data8 == "object" && !Array.isArray(data8))){
validate21.errors = [{instancePath:instancePath+"/body",schemaPath:"#/properties/body/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
var valid0 = _errs21 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.ext !== undefined){
const _errs23 = errors;
if(!(validate23(data.ext, {instancePath:instancePath+"/ext",parentData:data,parentDataProperty:"ext",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
var valid0 = _errs23 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.id !== undefined){
let data10 = data.id;
const _errs24 = errors;
const _errs25 = errors;
if(errors === _errs25){
if(typeof data10 === "string"){
if(!pattern8.test(data10)){
validate21.errors = [{instancePath:instancePath+"/id",schemaPath:"defs.json#/$defs/id/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"},message:"must match pattern \""+"^[0-9a-f]{64}$"+"\""}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/id",schemaPath:"defs.json#/$defs/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs24 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.sig !== undefined){
let data11 = data.sig;
const _errs27 = errors;
const _errs28 = errors;
if(errors === _errs28){
if(typeof data11 === "string"){
if(!pattern12.test(data11)){
validate21.errors = [{instancePath:instancePath+"/sig",schemaPath:"defs.json#/$defs/signature/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{128}$"},message:"must match pattern \""+"^[0-9a-f]{128}$"+"\""}];
return false;
}
}
else {
validate21.errors = [{instancePath:instancePath+"/sig",schemaPath:"defs.json#/$defs/signature/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs27 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
}
}
}
}
else {
validate21.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":{"protocol":true,"type":true,"author":true,"created":true,"expires":true,"nonce":true,"ref":true,"thread":true,"body":true,"ext":true,"id":true,"sig":true},"dynamicProps":false,"dynamicItems":false};

const schema54 = {"description":"A time window; end is after start.","type":"object","properties":{"start":{"$ref":"#/$defs/timestamp"},"end":{"$ref":"#/$defs/timestamp"}},"required":["start","end"],"additionalProperties":false};

function validate31(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate31.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.start === undefined) && (missing0 = "start")) || ((data.end === undefined) && (missing0 = "end"))){
validate31.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((key0 === "start") || (key0 === "end"))){
validate31.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.start !== undefined){
let data0 = data.start;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern5.test(data0)){
validate31.errors = [{instancePath:instancePath+"/start",schemaPath:"#/$defs/timestamp/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"},message:"must match pattern \""+"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"+"\""}];
return false;
}
}
else {
validate31.errors = [{instancePath:instancePath+"/start",schemaPath:"#/$defs/timestamp/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.end !== undefined){
let data1 = data.end;
const _errs5 = errors;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data1 === "string"){
if(!pattern5.test(data1)){
validate31.errors = [{instancePath:instancePath+"/end",schemaPath:"#/$defs/timestamp/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"},message:"must match pattern \""+"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"+"\""}];
return false;
}
}
else {
validate31.errors = [{instancePath:instancePath+"/end",schemaPath:"#/$defs/timestamp/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
else {
validate31.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate31.errors = vErrors;
return errors === 0;
}
validate31.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const pattern13 = new RegExp("^(?:lodging|travel|auto|home|electronics|food|health|finance|services|education|events|retail)(?:\\.[a-z0-9][a-z0-9-]{0,31}){0,4}$", "u");
const pattern14 = new RegExp("^(?:https://[A-Za-z0-9.-]+(?::[0-9]+)?/[!-~]*|urn:[a-z0-9][a-z0-9-]{0,31}:[!-~]+)$", "u");
const pattern15 = new RegExp("^[a-z][a-z0-9_.-]{0,63}$", "u");
const pattern16 = new RegExp("^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$", "u");
const pattern19 = new RegExp("^[A-Z]{3}$", "u");
const pattern20 = new RegExp("^(?:0|[1-9][0-9]{0,14})(?:\\.[0-9]{1,6})?$", "u");
const pattern24 = new RegExp("^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$", "u");
const func0 = runtimeHelper(equalModule);

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://intentcast.org/schemas/v1/intent.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(!(validate21(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type !== undefined){
const _errs2 = errors;
if("intent" !== data.type){
validate20.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "intent"},message:"must be equal to constant"}];
return false;
}
var valid1 = _errs2 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data.ref !== undefined){
var valid1 = false;
validate20.errors = [{instancePath:instancePath+"/ref",schemaPath:"#/properties/ref/false schema",keyword:"false schema",params:{},message:"boolean schema is false"}];
return false;
}
else {
var valid1 = true;
}
if(valid1){
if(data.thread !== undefined){
var valid1 = false;
validate20.errors = [{instancePath:instancePath+"/thread",schemaPath:"#/properties/thread/false schema",keyword:"false schema",params:{},message:"boolean schema is false"}];
return false;
}
else {
var valid1 = true;
}
if(valid1){
if(data.body !== undefined){
let data3 = data.body;
const _errs3 = errors;
if(errors === _errs3){
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
let missing0;
if((((data3.what === undefined) && (missing0 = "what")) || ((data3.terms === undefined) && (missing0 = "terms"))) || ((data3.offerCap === undefined) && (missing0 = "offerCap"))){
validate20.errors = [{instancePath:instancePath+"/body",schemaPath:"#/properties/body/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs5 = errors;
for(const key0 in data3){
if(!(((((((key0 === "what") || (key0 === "where")) || (key0 === "when")) || (key0 === "budget")) || (key0 === "terms")) || (key0 === "offerCap")) || (key0 === "sealKey"))){
validate20.errors = [{instancePath:instancePath+"/body",schemaPath:"#/properties/body/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs5 === errors){
if(data3.what !== undefined){
let data4 = data3.what;
const _errs6 = errors;
if(errors === _errs6){
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
let missing1;
if((((data4.category === undefined) && (missing1 = "category")) || ((data4.description === undefined) && (missing1 = "description"))) || ((data4.quantity === undefined) && (missing1 = "quantity"))){
validate20.errors = [{instancePath:instancePath+"/body/what",schemaPath:"#/properties/body/properties/what/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'"}];
return false;
}
else {
const _errs8 = errors;
for(const key1 in data4){
if(!((((key1 === "category") || (key1 === "description")) || (key1 === "attributes")) || (key1 === "quantity"))){
validate20.errors = [{instancePath:instancePath+"/body/what",schemaPath:"#/properties/body/properties/what/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs8 === errors){
if(data4.category !== undefined){
let data5 = data4.category;
const _errs9 = errors;
const _errs10 = errors;
const _errs12 = errors;
let valid5 = false;
const _errs13 = errors;
if(typeof data5 === "string"){
if(!pattern13.test(data5)){
const err0 = {instancePath:instancePath+"/body/what/category",schemaPath:"defs.json#/$defs/category/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^(?:lodging|travel|auto|home|electronics|food|health|finance|services|education|events|retail)(?:\\.[a-z0-9][a-z0-9-]{0,31}){0,4}$"},message:"must match pattern \""+"^(?:lodging|travel|auto|home|electronics|food|health|finance|services|education|events|retail)(?:\\.[a-z0-9][a-z0-9-]{0,31}){0,4}$"+"\""};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var _valid0 = _errs13 === errors;
valid5 = valid5 || _valid0;
const _errs14 = errors;
if(typeof data5 === "string"){
if(!pattern14.test(data5)){
const err1 = {instancePath:instancePath+"/body/what/category",schemaPath:"defs.json#/$defs/category/anyOf/1/pattern",keyword:"pattern",params:{pattern: "^(?:https://[A-Za-z0-9.-]+(?::[0-9]+)?/[!-~]*|urn:[a-z0-9][a-z0-9-]{0,31}:[!-~]+)$"},message:"must match pattern \""+"^(?:https://[A-Za-z0-9.-]+(?::[0-9]+)?/[!-~]*|urn:[a-z0-9][a-z0-9-]{0,31}:[!-~]+)$"+"\""};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var _valid0 = _errs14 === errors;
valid5 = valid5 || _valid0;
if(!valid5){
const err2 = {instancePath:instancePath+"/body/what/category",schemaPath:"defs.json#/$defs/category/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
validate20.errors = vErrors;
return false;
}
else {
errors = _errs12;
if(vErrors !== null){
if(_errs12){
vErrors.length = _errs12;
}
else {
vErrors = null;
}
}
}
if(errors === _errs10){
if(typeof data5 === "string"){
if(func1(data5) > 256){
validate20.errors = [{instancePath:instancePath+"/body/what/category",schemaPath:"defs.json#/$defs/category/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"}];
return false;
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/what/category",schemaPath:"defs.json#/$defs/category/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid3 = _errs9 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data4.description !== undefined){
let data6 = data4.description;
const _errs15 = errors;
const _errs16 = errors;
if(errors === _errs16){
if(typeof data6 === "string"){
if(func1(data6) > 2000){
validate20.errors = [{instancePath:instancePath+"/body/what/description",schemaPath:"defs.json#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters"}];
return false;
}
else {
if(func1(data6) < 1){
validate20.errors = [{instancePath:instancePath+"/body/what/description",schemaPath:"defs.json#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/what/description",schemaPath:"defs.json#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid3 = _errs15 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data4.attributes !== undefined){
let data7 = data4.attributes;
const _errs18 = errors;
if(errors === _errs18){
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
if(Object.keys(data7).length > 32){
validate20.errors = [{instancePath:instancePath+"/body/what/attributes",schemaPath:"#/properties/body/properties/what/properties/attributes/maxProperties",keyword:"maxProperties",params:{limit: 32},message:"must NOT have more than 32 properties"}];
return false;
}
else {
for(const key2 in data7){
const _errs20 = errors;
if(typeof key2 === "string"){
if(!pattern15.test(key2)){
const err3 = {instancePath:instancePath+"/body/what/attributes",schemaPath:"#/properties/body/properties/what/properties/attributes/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_.-]{0,63}$"},message:"must match pattern \""+"^[a-z][a-z0-9_.-]{0,63}$"+"\"",propertyName:key2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
var valid7 = _errs20 === errors;
if(!valid7){
const err4 = {instancePath:instancePath+"/body/what/attributes",schemaPath:"#/properties/body/properties/what/properties/attributes/propertyNames",keyword:"propertyNames",params:{propertyName: key2},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
validate20.errors = vErrors;
return false;
break;
}
}
if(valid7){
for(const key3 in data7){
let data8 = data7[key3];
const _errs22 = errors;
const _errs23 = errors;
let valid9 = false;
const _errs24 = errors;
if(errors === _errs24){
if(typeof data8 === "string"){
if(func1(data8) > 256){
const err5 = {instancePath:instancePath+"/body/what/attributes/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/body/properties/what/properties/attributes/additionalProperties/anyOf/0/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/body/what/attributes/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/body/properties/what/properties/attributes/additionalProperties/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
var _valid1 = _errs24 === errors;
valid9 = valid9 || _valid1;
const _errs26 = errors;
if(!((typeof data8 == "number") && (isFinite(data8)))){
const err7 = {instancePath:instancePath+"/body/what/attributes/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/body/properties/what/properties/attributes/additionalProperties/anyOf/1/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
var _valid1 = _errs26 === errors;
valid9 = valid9 || _valid1;
const _errs28 = errors;
if(typeof data8 !== "boolean"){
const err8 = {instancePath:instancePath+"/body/what/attributes/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/body/properties/what/properties/attributes/additionalProperties/anyOf/2/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
var _valid1 = _errs28 === errors;
valid9 = valid9 || _valid1;
if(!valid9){
const err9 = {instancePath:instancePath+"/body/what/attributes/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/body/properties/what/properties/attributes/additionalProperties/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
validate20.errors = vErrors;
return false;
}
else {
errors = _errs23;
if(vErrors !== null){
if(_errs23){
vErrors.length = _errs23;
}
else {
vErrors = null;
}
}
}
var valid8 = _errs22 === errors;
if(!valid8){
break;
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/what/attributes",schemaPath:"#/properties/body/properties/what/properties/attributes/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid3 = _errs18 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data4.quantity !== undefined){
let data9 = data4.quantity;
const _errs30 = errors;
const _errs31 = errors;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
validate20.errors = [{instancePath:instancePath+"/body/what/quantity",schemaPath:"defs.json#/$defs/quantity/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs31){
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 > 10000 || isNaN(data9)){
validate20.errors = [{instancePath:instancePath+"/body/what/quantity",schemaPath:"defs.json#/$defs/quantity/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10000},message:"must be <= 10000"}];
return false;
}
else {
if(data9 < 1 || isNaN(data9)){
validate20.errors = [{instancePath:instancePath+"/body/what/quantity",schemaPath:"defs.json#/$defs/quantity/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
}
var valid3 = _errs30 === errors;
}
else {
var valid3 = true;
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/what",schemaPath:"#/properties/body/properties/what/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid2 = _errs6 === errors;
}
else {
var valid2 = true;
}
if(valid2){
if(data3.where !== undefined){
let data10 = data3.where;
const _errs33 = errors;
if(errors === _errs33){
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(Object.keys(data10).length < 1){
validate20.errors = [{instancePath:instancePath+"/body/where",schemaPath:"#/properties/body/properties/where/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"}];
return false;
}
else {
const _errs35 = errors;
for(const key4 in data10){
if(!((key4 === "region") || (key4 === "geo"))){
validate20.errors = [{instancePath:instancePath+"/body/where",schemaPath:"#/properties/body/properties/where/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs35 === errors){
if(data10.region !== undefined){
let data11 = data10.region;
const _errs36 = errors;
const _errs37 = errors;
if(errors === _errs37){
if(typeof data11 === "string"){
if(!pattern16.test(data11)){
validate20.errors = [{instancePath:instancePath+"/body/where/region",schemaPath:"defs.json#/$defs/region/pattern",keyword:"pattern",params:{pattern: "^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$"},message:"must match pattern \""+"^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$"+"\""}];
return false;
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/where/region",schemaPath:"defs.json#/$defs/region/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid11 = _errs36 === errors;
}
else {
var valid11 = true;
}
if(valid11){
if(data10.geo !== undefined){
let data12 = data10.geo;
const _errs39 = errors;
const _errs40 = errors;
if(errors === _errs40){
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
let missing2;
if((((data12.lat === undefined) && (missing2 = "lat")) || ((data12.lon === undefined) && (missing2 = "lon"))) || ((data12.radiusKm === undefined) && (missing2 = "radiusKm"))){
validate20.errors = [{instancePath:instancePath+"/body/where/geo",schemaPath:"defs.json#/$defs/geo/required",keyword:"required",params:{missingProperty: missing2},message:"must have required property '"+missing2+"'"}];
return false;
}
else {
const _errs42 = errors;
for(const key5 in data12){
if(!(((key5 === "lat") || (key5 === "lon")) || (key5 === "radiusKm"))){
validate20.errors = [{instancePath:instancePath+"/body/where/geo",schemaPath:"defs.json#/$defs/geo/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs42 === errors){
if(data12.lat !== undefined){
let data13 = data12.lat;
const _errs43 = errors;
if(errors === _errs43){
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 > 90 || isNaN(data13)){
validate20.errors = [{instancePath:instancePath+"/body/where/geo/lat",schemaPath:"defs.json#/$defs/geo/properties/lat/maximum",keyword:"maximum",params:{comparison: "<=", limit: 90},message:"must be <= 90"}];
return false;
}
else {
if(data13 < -90 || isNaN(data13)){
validate20.errors = [{instancePath:instancePath+"/body/where/geo/lat",schemaPath:"defs.json#/$defs/geo/properties/lat/minimum",keyword:"minimum",params:{comparison: ">=", limit: -90},message:"must be >= -90"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/where/geo/lat",schemaPath:"defs.json#/$defs/geo/properties/lat/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid14 = _errs43 === errors;
}
else {
var valid14 = true;
}
if(valid14){
if(data12.lon !== undefined){
let data14 = data12.lon;
const _errs45 = errors;
if(errors === _errs45){
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 > 180 || isNaN(data14)){
validate20.errors = [{instancePath:instancePath+"/body/where/geo/lon",schemaPath:"defs.json#/$defs/geo/properties/lon/maximum",keyword:"maximum",params:{comparison: "<=", limit: 180},message:"must be <= 180"}];
return false;
}
else {
if(data14 < -180 || isNaN(data14)){
validate20.errors = [{instancePath:instancePath+"/body/where/geo/lon",schemaPath:"defs.json#/$defs/geo/properties/lon/minimum",keyword:"minimum",params:{comparison: ">=", limit: -180},message:"must be >= -180"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/where/geo/lon",schemaPath:"defs.json#/$defs/geo/properties/lon/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid14 = _errs45 === errors;
}
else {
var valid14 = true;
}
if(valid14){
if(data12.radiusKm !== undefined){
let data15 = data12.radiusKm;
const _errs47 = errors;
if(errors === _errs47){
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 > 20000 || isNaN(data15)){
validate20.errors = [{instancePath:instancePath+"/body/where/geo/radiusKm",schemaPath:"defs.json#/$defs/geo/properties/radiusKm/maximum",keyword:"maximum",params:{comparison: "<=", limit: 20000},message:"must be <= 20000"}];
return false;
}
else {
if(data15 <= 0 || isNaN(data15)){
validate20.errors = [{instancePath:instancePath+"/body/where/geo/radiusKm",schemaPath:"defs.json#/$defs/geo/properties/radiusKm/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0"}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/where/geo/radiusKm",schemaPath:"defs.json#/$defs/geo/properties/radiusKm/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid14 = _errs47 === errors;
}
else {
var valid14 = true;
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/where/geo",schemaPath:"defs.json#/$defs/geo/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid11 = _errs39 === errors;
}
else {
var valid11 = true;
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/where",schemaPath:"#/properties/body/properties/where/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid2 = _errs33 === errors;
}
else {
var valid2 = true;
}
if(valid2){
if(data3.when !== undefined){
const _errs49 = errors;
if(!(validate31(data3.when, {instancePath:instancePath+"/body/when",parentData:data3,parentDataProperty:"when",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
var valid2 = _errs49 === errors;
}
else {
var valid2 = true;
}
if(valid2){
if(data3.budget !== undefined){
let data17 = data3.budget;
const _errs50 = errors;
if(errors === _errs50){
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
let missing3;
if(((data17.currency === undefined) && (missing3 = "currency")) || ((data17.max === undefined) && (missing3 = "max"))){
validate20.errors = [{instancePath:instancePath+"/body/budget",schemaPath:"#/properties/body/properties/budget/required",keyword:"required",params:{missingProperty: missing3},message:"must have required property '"+missing3+"'"}];
return false;
}
else {
const _errs52 = errors;
for(const key6 in data17){
if(!(((key6 === "currency") || (key6 === "max")) || (key6 === "min"))){
validate20.errors = [{instancePath:instancePath+"/body/budget",schemaPath:"#/properties/body/properties/budget/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs52 === errors){
if(data17.currency !== undefined){
let data18 = data17.currency;
const _errs53 = errors;
const _errs54 = errors;
if(errors === _errs54){
if(typeof data18 === "string"){
if(!pattern19.test(data18)){
validate20.errors = [{instancePath:instancePath+"/body/budget/currency",schemaPath:"defs.json#/$defs/currency/pattern",keyword:"pattern",params:{pattern: "^[A-Z]{3}$"},message:"must match pattern \""+"^[A-Z]{3}$"+"\""}];
return false;
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/budget/currency",schemaPath:"defs.json#/$defs/currency/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid15 = _errs53 === errors;
}
else {
var valid15 = true;
}
if(valid15){
if(data17.max !== undefined){
let data19 = data17.max;
const _errs56 = errors;
const _errs57 = errors;
if(errors === _errs57){
if(typeof data19 === "string"){
if(!pattern20.test(data19)){
validate20.errors = [{instancePath:instancePath+"/body/budget/max",schemaPath:"defs.json#/$defs/amount/pattern",keyword:"pattern",params:{pattern: "^(?:0|[1-9][0-9]{0,14})(?:\\.[0-9]{1,6})?$"},message:"must match pattern \""+"^(?:0|[1-9][0-9]{0,14})(?:\\.[0-9]{1,6})?$"+"\""}];
return false;
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/budget/max",schemaPath:"defs.json#/$defs/amount/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid15 = _errs56 === errors;
}
else {
var valid15 = true;
}
if(valid15){
if(data17.min !== undefined){
let data20 = data17.min;
const _errs59 = errors;
const _errs60 = errors;
if(errors === _errs60){
if(typeof data20 === "string"){
if(!pattern20.test(data20)){
validate20.errors = [{instancePath:instancePath+"/body/budget/min",schemaPath:"defs.json#/$defs/amount/pattern",keyword:"pattern",params:{pattern: "^(?:0|[1-9][0-9]{0,14})(?:\\.[0-9]{1,6})?$"},message:"must match pattern \""+"^(?:0|[1-9][0-9]{0,14})(?:\\.[0-9]{1,6})?$"+"\""}];
return false;
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/budget/min",schemaPath:"defs.json#/$defs/amount/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid15 = _errs59 === errors;
}
else {
var valid15 = true;
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/budget",schemaPath:"#/properties/body/properties/budget/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid2 = _errs50 === errors;
}
else {
var valid2 = true;
}
if(valid2){
if(data3.terms !== undefined){
let data21 = data3.terms;
const _errs62 = errors;
if(errors === _errs62){
if(Array.isArray(data21)){
if(data21.length > 8){
validate20.errors = [{instancePath:instancePath+"/body/terms",schemaPath:"#/properties/body/properties/terms/maxItems",keyword:"maxItems",params:{limit: 8},message:"must NOT have more than 8 items"}];
return false;
}
else {
if(data21.length < 1){
validate20.errors = [{instancePath:instancePath+"/body/terms",schemaPath:"#/properties/body/properties/terms/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"}];
return false;
}
else {
var valid19 = true;
const len0 = data21.length;
for(let i0=0; i0<len0; i0++){
let data22 = data21[i0];
const _errs64 = errors;
const _errs65 = errors;
if(errors === _errs65){
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
let missing4;
if(((data22.uri === undefined) && (missing4 = "uri")) || ((data22.sha256 === undefined) && (missing4 = "sha256"))){
validate20.errors = [{instancePath:instancePath+"/body/terms/" + i0,schemaPath:"defs.json#/$defs/termsRef/required",keyword:"required",params:{missingProperty: missing4},message:"must have required property '"+missing4+"'"}];
return false;
}
else {
const _errs67 = errors;
for(const key7 in data22){
if(!((key7 === "uri") || (key7 === "sha256"))){
validate20.errors = [{instancePath:instancePath+"/body/terms/" + i0,schemaPath:"defs.json#/$defs/termsRef/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs67 === errors){
if(data22.uri !== undefined){
let data23 = data22.uri;
const _errs68 = errors;
if(errors === _errs68){
if(typeof data23 === "string"){
if(func1(data23) > 512){
validate20.errors = [{instancePath:instancePath+"/body/terms/" + i0+"/uri",schemaPath:"defs.json#/$defs/termsRef/properties/uri/maxLength",keyword:"maxLength",params:{limit: 512},message:"must NOT have more than 512 characters"}];
return false;
}
else {
if(!pattern14.test(data23)){
validate20.errors = [{instancePath:instancePath+"/body/terms/" + i0+"/uri",schemaPath:"defs.json#/$defs/termsRef/properties/uri/pattern",keyword:"pattern",params:{pattern: "^(?:https://[A-Za-z0-9.-]+(?::[0-9]+)?/[!-~]*|urn:[a-z0-9][a-z0-9-]{0,31}:[!-~]+)$"},message:"must match pattern \""+"^(?:https://[A-Za-z0-9.-]+(?::[0-9]+)?/[!-~]*|urn:[a-z0-9][a-z0-9-]{0,31}:[!-~]+)$"+"\""}];
return false;
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/terms/" + i0+"/uri",schemaPath:"defs.json#/$defs/termsRef/properties/uri/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid21 = _errs68 === errors;
}
else {
var valid21 = true;
}
if(valid21){
if(data22.sha256 !== undefined){
let data24 = data22.sha256;
const _errs70 = errors;
if(errors === _errs70){
if(typeof data24 === "string"){
if(!pattern8.test(data24)){
validate20.errors = [{instancePath:instancePath+"/body/terms/" + i0+"/sha256",schemaPath:"defs.json#/$defs/termsRef/properties/sha256/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"},message:"must match pattern \""+"^[0-9a-f]{64}$"+"\""}];
return false;
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/terms/" + i0+"/sha256",schemaPath:"defs.json#/$defs/termsRef/properties/sha256/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid21 = _errs70 === errors;
}
else {
var valid21 = true;
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/terms/" + i0,schemaPath:"defs.json#/$defs/termsRef/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid19 = _errs64 === errors;
if(!valid19){
break;
}
}
if(valid19){
let i1 = data21.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data21[i1], data21[j0])){
validate20.errors = [{instancePath:instancePath+"/body/terms",schemaPath:"#/properties/body/properties/terms/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)"}];
return false;
break outer0;
}
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/terms",schemaPath:"#/properties/body/properties/terms/type",keyword:"type",params:{type: "array"},message:"must be array"}];
return false;
}
}
var valid2 = _errs62 === errors;
}
else {
var valid2 = true;
}
if(valid2){
if(data3.offerCap !== undefined){
let data25 = data3.offerCap;
const _errs72 = errors;
if(!(((typeof data25 == "number") && (!(data25 % 1) && !isNaN(data25))) && (isFinite(data25)))){
validate20.errors = [{instancePath:instancePath+"/body/offerCap",schemaPath:"#/properties/body/properties/offerCap/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs72){
if((typeof data25 == "number") && (isFinite(data25))){
if(data25 > 100 || isNaN(data25)){
validate20.errors = [{instancePath:instancePath+"/body/offerCap",schemaPath:"#/properties/body/properties/offerCap/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100"}];
return false;
}
else {
if(data25 < 1 || isNaN(data25)){
validate20.errors = [{instancePath:instancePath+"/body/offerCap",schemaPath:"#/properties/body/properties/offerCap/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
}
var valid2 = _errs72 === errors;
}
else {
var valid2 = true;
}
if(valid2){
if(data3.sealKey !== undefined){
let data26 = data3.sealKey;
const _errs74 = errors;
const _errs75 = errors;
if(errors === _errs75){
if(data26 && typeof data26 == "object" && !Array.isArray(data26)){
let missing5;
if((((data26.kty === undefined) && (missing5 = "kty")) || ((data26.crv === undefined) && (missing5 = "crv"))) || ((data26.x === undefined) && (missing5 = "x"))){
validate20.errors = [{instancePath:instancePath+"/body/sealKey",schemaPath:"defs.json#/$defs/sealKey/required",keyword:"required",params:{missingProperty: missing5},message:"must have required property '"+missing5+"'"}];
return false;
}
else {
const _errs77 = errors;
for(const key8 in data26){
if(!(((key8 === "kty") || (key8 === "crv")) || (key8 === "x"))){
validate20.errors = [{instancePath:instancePath+"/body/sealKey",schemaPath:"defs.json#/$defs/sealKey/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs77 === errors){
if(data26.kty !== undefined){
const _errs78 = errors;
if("OKP" !== data26.kty){
validate20.errors = [{instancePath:instancePath+"/body/sealKey/kty",schemaPath:"defs.json#/$defs/sealKey/properties/kty/const",keyword:"const",params:{allowedValue: "OKP"},message:"must be equal to constant"}];
return false;
}
var valid24 = _errs78 === errors;
}
else {
var valid24 = true;
}
if(valid24){
if(data26.crv !== undefined){
const _errs79 = errors;
if("X25519" !== data26.crv){
validate20.errors = [{instancePath:instancePath+"/body/sealKey/crv",schemaPath:"defs.json#/$defs/sealKey/properties/crv/const",keyword:"const",params:{allowedValue: "X25519"},message:"must be equal to constant"}];
return false;
}
var valid24 = _errs79 === errors;
}
else {
var valid24 = true;
}
if(valid24){
if(data26.x !== undefined){
let data29 = data26.x;
const _errs80 = errors;
if(errors === _errs80){
if(typeof data29 === "string"){
if(!pattern24.test(data29)){
validate20.errors = [{instancePath:instancePath+"/body/sealKey/x",schemaPath:"defs.json#/$defs/sealKey/properties/x/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$"+"\""}];
return false;
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/sealKey/x",schemaPath:"defs.json#/$defs/sealKey/properties/x/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid24 = _errs80 === errors;
}
else {
var valid24 = true;
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body/sealKey",schemaPath:"defs.json#/$defs/sealKey/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid2 = _errs74 === errors;
}
else {
var valid2 = true;
}
}
}
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath:instancePath+"/body",schemaPath:"#/properties/body/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid1 = _errs3 === errors;
}
else {
var valid1 = true;
}
if(valid1){
for(const key9 in data){
if((((((((((((key9 !== "type") && (key9 !== "ref")) && (key9 !== "thread")) && (key9 !== "body")) && (key9 !== "protocol")) && (key9 !== "author")) && (key9 !== "created")) && (key9 !== "expires")) && (key9 !== "nonce")) && (key9 !== "ext")) && (key9 !== "id")) && (key9 !== "sig")){
validate20.errors = [{instancePath,schemaPath:"#/unevaluatedProperties",keyword:"unevaluatedProperties",params:{unevaluatedProperty: key9},message:"must NOT have unevaluated properties"}];
return false;
break;
}
}
}
}
}
}
}
else {
validate20.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const offer = validate33;
const schema62 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://intentcast.org/schemas/v1/offer.json","title":"Offer","description":"A vendor's signed answer to an intent, firm until the envelope's `expires` (spec/messages.md#offer).","type":"object","allOf":[{"$ref":"envelope.json"}],"properties":{"type":{"const":"offer"},"body":{"type":"object","properties":{"description":{"$ref":"defs.json#/$defs/text"},"price":{"$ref":"defs.json#/$defs/money"},"quantity":{"$ref":"defs.json#/$defs/quantity"},"when":{"$ref":"defs.json#/$defs/window"},"terms":{"$ref":"defs.json#/$defs/termsRef"},"vendor":{"type":"object","properties":{"name":{"type":"string","minLength":1,"maxLength":120},"url":{"$ref":"defs.json#/$defs/httpsUrl"}},"required":["name"],"additionalProperties":false},"note":{"$ref":"defs.json#/$defs/text"},"sealKey":{"$ref":"defs.json#/$defs/sealKey"},"sealed":{"$ref":"defs.json#/$defs/sealed"}},"required":["description","quantity","terms","vendor"],"anyOf":[{"required":["price"]},{"required":["sealed"]}],"additionalProperties":false}},"required":["ref","thread"],"unevaluatedProperties":false};
const schema72 = {"type":"string","maxLength":512,"pattern":"^https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[!-~]*)?$"};
const schema75 = {"description":"A JWE in compact serialization (ECDH-ES, X25519, A256GCM): protected header, empty encrypted key, IV, ciphertext, tag. The lengths of the header (at most 2048 characters) and ciphertext (at most 14000) are checked with the header (spec/validation.md, step 15).","type":"string","maxLength":16384,"pattern":"^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}$"};
const schema64 = {"description":"An amount of money in one currency.","type":"object","properties":{"amount":{"$ref":"#/$defs/amount"},"currency":{"$ref":"#/$defs/currency"}},"required":["amount","currency"],"additionalProperties":false};

function validate35(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate35.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.amount === undefined) && (missing0 = "amount")) || ((data.currency === undefined) && (missing0 = "currency"))){
validate35.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((key0 === "amount") || (key0 === "currency"))){
validate35.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.amount !== undefined){
let data0 = data.amount;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern20.test(data0)){
validate35.errors = [{instancePath:instancePath+"/amount",schemaPath:"#/$defs/amount/pattern",keyword:"pattern",params:{pattern: "^(?:0|[1-9][0-9]{0,14})(?:\\.[0-9]{1,6})?$"},message:"must match pattern \""+"^(?:0|[1-9][0-9]{0,14})(?:\\.[0-9]{1,6})?$"+"\""}];
return false;
}
}
else {
validate35.errors = [{instancePath:instancePath+"/amount",schemaPath:"#/$defs/amount/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.currency !== undefined){
let data1 = data.currency;
const _errs5 = errors;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data1 === "string"){
if(!pattern19.test(data1)){
validate35.errors = [{instancePath:instancePath+"/currency",schemaPath:"#/$defs/currency/pattern",keyword:"pattern",params:{pattern: "^[A-Z]{3}$"},message:"must match pattern \""+"^[A-Z]{3}$"+"\""}];
return false;
}
}
else {
validate35.errors = [{instancePath:instancePath+"/currency",schemaPath:"#/$defs/currency/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
else {
validate35.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate35.errors = vErrors;
return errors === 0;
}
validate35.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate37(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate37.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.start === undefined) && (missing0 = "start")) || ((data.end === undefined) && (missing0 = "end"))){
validate37.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((key0 === "start") || (key0 === "end"))){
validate37.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.start !== undefined){
let data0 = data.start;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern5.test(data0)){
validate37.errors = [{instancePath:instancePath+"/start",schemaPath:"#/$defs/timestamp/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"},message:"must match pattern \""+"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"+"\""}];
return false;
}
}
else {
validate37.errors = [{instancePath:instancePath+"/start",schemaPath:"#/$defs/timestamp/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.end !== undefined){
let data1 = data.end;
const _errs5 = errors;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data1 === "string"){
if(!pattern5.test(data1)){
validate37.errors = [{instancePath:instancePath+"/end",schemaPath:"#/$defs/timestamp/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"},message:"must match pattern \""+"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"+"\""}];
return false;
}
}
else {
validate37.errors = [{instancePath:instancePath+"/end",schemaPath:"#/$defs/timestamp/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
else {
validate37.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate37.errors = vErrors;
return errors === 0;
}
validate37.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const func14 = Object.prototype.hasOwnProperty;
const pattern31 = new RegExp("^https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[!-~]*)?$", "u");
const pattern33 = new RegExp("^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}$", "u");

function validate33(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://intentcast.org/schemas/v1/offer.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate33.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(!(validate21(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.ref === undefined) && (missing0 = "ref")) || ((data.thread === undefined) && (missing0 = "thread"))){
validate33.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("offer" !== data.type){
validate33.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "offer"},message:"must be equal to constant"}];
return false;
}
var valid1 = _errs2 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data.body !== undefined){
let data1 = data.body;
const _errs3 = errors;
const _errs5 = errors;
let valid2 = false;
const _errs6 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
let missing1;
if((data1.price === undefined) && (missing1 = "price")){
const err0 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/anyOf/0/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var _valid0 = _errs6 === errors;
valid2 = valid2 || _valid0;
const _errs7 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
let missing2;
if((data1.sealed === undefined) && (missing2 = "sealed")){
const err1 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/anyOf/1/required",keyword:"required",params:{missingProperty: missing2},message:"must have required property '"+missing2+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var _valid0 = _errs7 === errors;
valid2 = valid2 || _valid0;
if(!valid2){
const err2 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
validate33.errors = vErrors;
return false;
}
else {
errors = _errs5;
if(vErrors !== null){
if(_errs5){
vErrors.length = _errs5;
}
else {
vErrors = null;
}
}
}
if(errors === _errs3){
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
let missing3;
if(((((data1.description === undefined) && (missing3 = "description")) || ((data1.quantity === undefined) && (missing3 = "quantity"))) || ((data1.terms === undefined) && (missing3 = "terms"))) || ((data1.vendor === undefined) && (missing3 = "vendor"))){
validate33.errors = [{instancePath:instancePath+"/body",schemaPath:"#/properties/body/required",keyword:"required",params:{missingProperty: missing3},message:"must have required property '"+missing3+"'"}];
return false;
}
else {
const _errs8 = errors;
for(const key0 in data1){
if(!(func14.call(schema62.properties.body.properties, key0))){
validate33.errors = [{instancePath:instancePath+"/body",schemaPath:"#/properties/body/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs8 === errors){
if(data1.description !== undefined){
let data2 = data1.description;
const _errs9 = errors;
const _errs10 = errors;
if(errors === _errs10){
if(typeof data2 === "string"){
if(func1(data2) > 2000){
validate33.errors = [{instancePath:instancePath+"/body/description",schemaPath:"defs.json#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters"}];
return false;
}
else {
if(func1(data2) < 1){
validate33.errors = [{instancePath:instancePath+"/body/description",schemaPath:"defs.json#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate33.errors = [{instancePath:instancePath+"/body/description",schemaPath:"defs.json#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid3 = _errs9 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data1.price !== undefined){
const _errs12 = errors;
if(!(validate35(data1.price, {instancePath:instancePath+"/body/price",parentData:data1,parentDataProperty:"price",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate35.errors : vErrors.concat(validate35.errors);
errors = vErrors.length;
}
var valid3 = _errs12 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data1.quantity !== undefined){
let data4 = data1.quantity;
const _errs13 = errors;
const _errs14 = errors;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
validate33.errors = [{instancePath:instancePath+"/body/quantity",schemaPath:"defs.json#/$defs/quantity/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs14){
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 10000 || isNaN(data4)){
validate33.errors = [{instancePath:instancePath+"/body/quantity",schemaPath:"defs.json#/$defs/quantity/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10000},message:"must be <= 10000"}];
return false;
}
else {
if(data4 < 1 || isNaN(data4)){
validate33.errors = [{instancePath:instancePath+"/body/quantity",schemaPath:"defs.json#/$defs/quantity/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
}
var valid3 = _errs13 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data1.when !== undefined){
const _errs16 = errors;
if(!(validate37(data1.when, {instancePath:instancePath+"/body/when",parentData:data1,parentDataProperty:"when",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate37.errors : vErrors.concat(validate37.errors);
errors = vErrors.length;
}
var valid3 = _errs16 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data1.terms !== undefined){
let data6 = data1.terms;
const _errs17 = errors;
const _errs18 = errors;
if(errors === _errs18){
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
let missing4;
if(((data6.uri === undefined) && (missing4 = "uri")) || ((data6.sha256 === undefined) && (missing4 = "sha256"))){
validate33.errors = [{instancePath:instancePath+"/body/terms",schemaPath:"defs.json#/$defs/termsRef/required",keyword:"required",params:{missingProperty: missing4},message:"must have required property '"+missing4+"'"}];
return false;
}
else {
const _errs20 = errors;
for(const key1 in data6){
if(!((key1 === "uri") || (key1 === "sha256"))){
validate33.errors = [{instancePath:instancePath+"/body/terms",schemaPath:"defs.json#/$defs/termsRef/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs20 === errors){
if(data6.uri !== undefined){
let data7 = data6.uri;
const _errs21 = errors;
if(errors === _errs21){
if(typeof data7 === "string"){
if(func1(data7) > 512){
validate33.errors = [{instancePath:instancePath+"/body/terms/uri",schemaPath:"defs.json#/$defs/termsRef/properties/uri/maxLength",keyword:"maxLength",params:{limit: 512},message:"must NOT have more than 512 characters"}];
return false;
}
else {
if(!pattern14.test(data7)){
validate33.errors = [{instancePath:instancePath+"/body/terms/uri",schemaPath:"defs.json#/$defs/termsRef/properties/uri/pattern",keyword:"pattern",params:{pattern: "^(?:https://[A-Za-z0-9.-]+(?::[0-9]+)?/[!-~]*|urn:[a-z0-9][a-z0-9-]{0,31}:[!-~]+)$"},message:"must match pattern \""+"^(?:https://[A-Za-z0-9.-]+(?::[0-9]+)?/[!-~]*|urn:[a-z0-9][a-z0-9-]{0,31}:[!-~]+)$"+"\""}];
return false;
}
}
}
else {
validate33.errors = [{instancePath:instancePath+"/body/terms/uri",schemaPath:"defs.json#/$defs/termsRef/properties/uri/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid7 = _errs21 === errors;
}
else {
var valid7 = true;
}
if(valid7){
if(data6.sha256 !== undefined){
let data8 = data6.sha256;
const _errs23 = errors;
if(errors === _errs23){
if(typeof data8 === "string"){
if(!pattern8.test(data8)){
validate33.errors = [{instancePath:instancePath+"/body/terms/sha256",schemaPath:"defs.json#/$defs/termsRef/properties/sha256/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"},message:"must match pattern \""+"^[0-9a-f]{64}$"+"\""}];
return false;
}
}
else {
validate33.errors = [{instancePath:instancePath+"/body/terms/sha256",schemaPath:"defs.json#/$defs/termsRef/properties/sha256/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid7 = _errs23 === errors;
}
else {
var valid7 = true;
}
}
}
}
}
else {
validate33.errors = [{instancePath:instancePath+"/body/terms",schemaPath:"defs.json#/$defs/termsRef/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid3 = _errs17 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data1.vendor !== undefined){
let data9 = data1.vendor;
const _errs25 = errors;
if(errors === _errs25){
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
let missing5;
if((data9.name === undefined) && (missing5 = "name")){
validate33.errors = [{instancePath:instancePath+"/body/vendor",schemaPath:"#/properties/body/properties/vendor/required",keyword:"required",params:{missingProperty: missing5},message:"must have required property '"+missing5+"'"}];
return false;
}
else {
const _errs27 = errors;
for(const key2 in data9){
if(!((key2 === "name") || (key2 === "url"))){
validate33.errors = [{instancePath:instancePath+"/body/vendor",schemaPath:"#/properties/body/properties/vendor/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs27 === errors){
if(data9.name !== undefined){
let data10 = data9.name;
const _errs28 = errors;
if(errors === _errs28){
if(typeof data10 === "string"){
if(func1(data10) > 120){
validate33.errors = [{instancePath:instancePath+"/body/vendor/name",schemaPath:"#/properties/body/properties/vendor/properties/name/maxLength",keyword:"maxLength",params:{limit: 120},message:"must NOT have more than 120 characters"}];
return false;
}
else {
if(func1(data10) < 1){
validate33.errors = [{instancePath:instancePath+"/body/vendor/name",schemaPath:"#/properties/body/properties/vendor/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate33.errors = [{instancePath:instancePath+"/body/vendor/name",schemaPath:"#/properties/body/properties/vendor/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid8 = _errs28 === errors;
}
else {
var valid8 = true;
}
if(valid8){
if(data9.url !== undefined){
let data11 = data9.url;
const _errs30 = errors;
const _errs31 = errors;
if(errors === _errs31){
if(typeof data11 === "string"){
if(func1(data11) > 512){
validate33.errors = [{instancePath:instancePath+"/body/vendor/url",schemaPath:"defs.json#/$defs/httpsUrl/maxLength",keyword:"maxLength",params:{limit: 512},message:"must NOT have more than 512 characters"}];
return false;
}
else {
if(!pattern31.test(data11)){
validate33.errors = [{instancePath:instancePath+"/body/vendor/url",schemaPath:"defs.json#/$defs/httpsUrl/pattern",keyword:"pattern",params:{pattern: "^https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[!-~]*)?$"},message:"must match pattern \""+"^https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[!-~]*)?$"+"\""}];
return false;
}
}
}
else {
validate33.errors = [{instancePath:instancePath+"/body/vendor/url",schemaPath:"defs.json#/$defs/httpsUrl/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid8 = _errs30 === errors;
}
else {
var valid8 = true;
}
}
}
}
}
else {
validate33.errors = [{instancePath:instancePath+"/body/vendor",schemaPath:"#/properties/body/properties/vendor/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid3 = _errs25 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data1.note !== undefined){
let data12 = data1.note;
const _errs33 = errors;
const _errs34 = errors;
if(errors === _errs34){
if(typeof data12 === "string"){
if(func1(data12) > 2000){
validate33.errors = [{instancePath:instancePath+"/body/note",schemaPath:"defs.json#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters"}];
return false;
}
else {
if(func1(data12) < 1){
validate33.errors = [{instancePath:instancePath+"/body/note",schemaPath:"defs.json#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate33.errors = [{instancePath:instancePath+"/body/note",schemaPath:"defs.json#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid3 = _errs33 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data1.sealKey !== undefined){
let data13 = data1.sealKey;
const _errs36 = errors;
const _errs37 = errors;
if(errors === _errs37){
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
let missing6;
if((((data13.kty === undefined) && (missing6 = "kty")) || ((data13.crv === undefined) && (missing6 = "crv"))) || ((data13.x === undefined) && (missing6 = "x"))){
validate33.errors = [{instancePath:instancePath+"/body/sealKey",schemaPath:"defs.json#/$defs/sealKey/required",keyword:"required",params:{missingProperty: missing6},message:"must have required property '"+missing6+"'"}];
return false;
}
else {
const _errs39 = errors;
for(const key3 in data13){
if(!(((key3 === "kty") || (key3 === "crv")) || (key3 === "x"))){
validate33.errors = [{instancePath:instancePath+"/body/sealKey",schemaPath:"defs.json#/$defs/sealKey/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs39 === errors){
if(data13.kty !== undefined){
const _errs40 = errors;
if("OKP" !== data13.kty){
validate33.errors = [{instancePath:instancePath+"/body/sealKey/kty",schemaPath:"defs.json#/$defs/sealKey/properties/kty/const",keyword:"const",params:{allowedValue: "OKP"},message:"must be equal to constant"}];
return false;
}
var valid12 = _errs40 === errors;
}
else {
var valid12 = true;
}
if(valid12){
if(data13.crv !== undefined){
const _errs41 = errors;
if("X25519" !== data13.crv){
validate33.errors = [{instancePath:instancePath+"/body/sealKey/crv",schemaPath:"defs.json#/$defs/sealKey/properties/crv/const",keyword:"const",params:{allowedValue: "X25519"},message:"must be equal to constant"}];
return false;
}
var valid12 = _errs41 === errors;
}
else {
var valid12 = true;
}
if(valid12){
if(data13.x !== undefined){
let data16 = data13.x;
const _errs42 = errors;
if(errors === _errs42){
if(typeof data16 === "string"){
if(!pattern24.test(data16)){
validate33.errors = [{instancePath:instancePath+"/body/sealKey/x",schemaPath:"defs.json#/$defs/sealKey/properties/x/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$"+"\""}];
return false;
}
}
else {
validate33.errors = [{instancePath:instancePath+"/body/sealKey/x",schemaPath:"defs.json#/$defs/sealKey/properties/x/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid12 = _errs42 === errors;
}
else {
var valid12 = true;
}
}
}
}
}
}
else {
validate33.errors = [{instancePath:instancePath+"/body/sealKey",schemaPath:"defs.json#/$defs/sealKey/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid3 = _errs36 === errors;
}
else {
var valid3 = true;
}
if(valid3){
if(data1.sealed !== undefined){
let data17 = data1.sealed;
const _errs44 = errors;
const _errs45 = errors;
if(errors === _errs45){
if(typeof data17 === "string"){
if(func1(data17) > 16384){
validate33.errors = [{instancePath:instancePath+"/body/sealed",schemaPath:"defs.json#/$defs/sealed/maxLength",keyword:"maxLength",params:{limit: 16384},message:"must NOT have more than 16384 characters"}];
return false;
}
else {
if(!pattern33.test(data17)){
validate33.errors = [{instancePath:instancePath+"/body/sealed",schemaPath:"defs.json#/$defs/sealed/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}$"+"\""}];
return false;
}
}
}
else {
validate33.errors = [{instancePath:instancePath+"/body/sealed",schemaPath:"defs.json#/$defs/sealed/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid3 = _errs44 === errors;
}
else {
var valid3 = true;
}
}
}
}
}
}
}
}
}
}
}
}
else {
validate33.errors = [{instancePath:instancePath+"/body",schemaPath:"#/properties/body/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid1 = _errs3 === errors;
}
else {
var valid1 = true;
}
if(valid1){
for(const key4 in data){
if((((((((((((key4 !== "type") && (key4 !== "body")) && (key4 !== "protocol")) && (key4 !== "author")) && (key4 !== "created")) && (key4 !== "expires")) && (key4 !== "nonce")) && (key4 !== "ref")) && (key4 !== "thread")) && (key4 !== "ext")) && (key4 !== "id")) && (key4 !== "sig")){
validate33.errors = [{instancePath,schemaPath:"#/unevaluatedProperties",keyword:"unevaluatedProperties",params:{unevaluatedProperty: key4},message:"must NOT have unevaluated properties"}];
return false;
break;
}
}
}
}
}
}
else {
validate33.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate33.errors = vErrors;
return errors === 0;
}
validate33.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const reply = validate39;
const schema76 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://intentcast.org/schemas/v1/reply.json","title":"Reply","description":"The buyer's signed answer to an offer: accept, decline, counter or question (spec/messages.md#reply).","type":"object","allOf":[{"$ref":"envelope.json"}],"properties":{"type":{"const":"reply"},"body":{"type":"object","properties":{"decision":{"enum":["accept","decline","counter","question"]},"reason":{"$ref":"defs.json#/$defs/reason"},"terms":{"$ref":"defs.json#/$defs/termsRef"},"counter":{"type":"object","properties":{"price":{"$ref":"defs.json#/$defs/money"},"when":{"$ref":"defs.json#/$defs/window"},"quantity":{"$ref":"defs.json#/$defs/quantity"}},"minProperties":1,"additionalProperties":false},"text":{"$ref":"defs.json#/$defs/text"},"sealed":{"$ref":"defs.json#/$defs/sealed"}},"required":["decision"],"allOf":[{"if":{"properties":{"decision":{"const":"accept"}}},"then":{"required":["terms"]}},{"if":{"properties":{"decision":{"const":"decline"}}},"then":{"required":["reason"]}},{"if":{"properties":{"decision":{"const":"counter"}}},"then":{"anyOf":[{"required":["counter"]},{"required":["sealed"]}]},"else":{"not":{"required":["counter"]}}},{"if":{"properties":{"decision":{"const":"question"}}},"then":{"anyOf":[{"required":["text"]},{"required":["sealed"]}]}}],"additionalProperties":false}},"required":["ref","thread"],"unevaluatedProperties":false};
const schema77 = {"description":"Why a reply or withdrawal was sent (spec/messages.md#reason-codes).","enum":["price","dates","quantity","terms","location","quality","vendor","timing","chose-other","no-longer-needed","other"]};

function validate41(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate41.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.amount === undefined) && (missing0 = "amount")) || ((data.currency === undefined) && (missing0 = "currency"))){
validate41.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((key0 === "amount") || (key0 === "currency"))){
validate41.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.amount !== undefined){
let data0 = data.amount;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern20.test(data0)){
validate41.errors = [{instancePath:instancePath+"/amount",schemaPath:"#/$defs/amount/pattern",keyword:"pattern",params:{pattern: "^(?:0|[1-9][0-9]{0,14})(?:\\.[0-9]{1,6})?$"},message:"must match pattern \""+"^(?:0|[1-9][0-9]{0,14})(?:\\.[0-9]{1,6})?$"+"\""}];
return false;
}
}
else {
validate41.errors = [{instancePath:instancePath+"/amount",schemaPath:"#/$defs/amount/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.currency !== undefined){
let data1 = data.currency;
const _errs5 = errors;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data1 === "string"){
if(!pattern19.test(data1)){
validate41.errors = [{instancePath:instancePath+"/currency",schemaPath:"#/$defs/currency/pattern",keyword:"pattern",params:{pattern: "^[A-Z]{3}$"},message:"must match pattern \""+"^[A-Z]{3}$"+"\""}];
return false;
}
}
else {
validate41.errors = [{instancePath:instancePath+"/currency",schemaPath:"#/$defs/currency/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
else {
validate41.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate41.errors = vErrors;
return errors === 0;
}
validate41.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate43(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate43.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.start === undefined) && (missing0 = "start")) || ((data.end === undefined) && (missing0 = "end"))){
validate43.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((key0 === "start") || (key0 === "end"))){
validate43.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.start !== undefined){
let data0 = data.start;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern5.test(data0)){
validate43.errors = [{instancePath:instancePath+"/start",schemaPath:"#/$defs/timestamp/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"},message:"must match pattern \""+"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"+"\""}];
return false;
}
}
else {
validate43.errors = [{instancePath:instancePath+"/start",schemaPath:"#/$defs/timestamp/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.end !== undefined){
let data1 = data.end;
const _errs5 = errors;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data1 === "string"){
if(!pattern5.test(data1)){
validate43.errors = [{instancePath:instancePath+"/end",schemaPath:"#/$defs/timestamp/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"},message:"must match pattern \""+"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"+"\""}];
return false;
}
}
else {
validate43.errors = [{instancePath:instancePath+"/end",schemaPath:"#/$defs/timestamp/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
else {
validate43.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate43.errors = vErrors;
return errors === 0;
}
validate43.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate39(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://intentcast.org/schemas/v1/reply.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate39.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(!(validate21(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.ref === undefined) && (missing0 = "ref")) || ((data.thread === undefined) && (missing0 = "thread"))){
validate39.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("reply" !== data.type){
validate39.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "reply"},message:"must be equal to constant"}];
return false;
}
var valid1 = _errs2 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data.body !== undefined){
let data1 = data.body;
const _errs3 = errors;
const _errs5 = errors;
const _errs6 = errors;
let valid3 = true;
const _errs7 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.decision !== undefined){
if("accept" !== data1.decision){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
}
var _valid0 = _errs7 === errors;
errors = _errs6;
if(vErrors !== null){
if(_errs6){
vErrors.length = _errs6;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs9 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
let missing1;
if((data1.terms === undefined) && (missing1 = "terms")){
validate39.errors = [{instancePath:instancePath+"/body",schemaPath:"#/properties/body/allOf/0/then/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'"}];
return false;
}
}
var _valid0 = _errs9 === errors;
valid3 = _valid0;
}
if(!valid3){
const err1 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
validate39.errors = vErrors;
return false;
}
var valid2 = _errs5 === errors;
if(valid2){
const _errs10 = errors;
const _errs11 = errors;
let valid5 = true;
const _errs12 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.decision !== undefined){
if("decline" !== data1.decision){
const err2 = {};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
var _valid1 = _errs12 === errors;
errors = _errs11;
if(vErrors !== null){
if(_errs11){
vErrors.length = _errs11;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs14 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
let missing2;
if((data1.reason === undefined) && (missing2 = "reason")){
validate39.errors = [{instancePath:instancePath+"/body",schemaPath:"#/properties/body/allOf/1/then/required",keyword:"required",params:{missingProperty: missing2},message:"must have required property '"+missing2+"'"}];
return false;
}
}
var _valid1 = _errs14 === errors;
valid5 = _valid1;
}
if(!valid5){
const err3 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
validate39.errors = vErrors;
return false;
}
var valid2 = _errs10 === errors;
if(valid2){
const _errs15 = errors;
const _errs16 = errors;
let valid7 = true;
const _errs17 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.decision !== undefined){
if("counter" !== data1.decision){
const err4 = {};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
var _valid2 = _errs17 === errors;
errors = _errs16;
if(vErrors !== null){
if(_errs16){
vErrors.length = _errs16;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid2){
const _errs19 = errors;
const _errs20 = errors;
let valid9 = false;
const _errs21 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
let missing3;
if((data1.counter === undefined) && (missing3 = "counter")){
const err5 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/allOf/2/then/anyOf/0/required",keyword:"required",params:{missingProperty: missing3},message:"must have required property '"+missing3+"'"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
var _valid3 = _errs21 === errors;
valid9 = valid9 || _valid3;
const _errs22 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
let missing4;
if((data1.sealed === undefined) && (missing4 = "sealed")){
const err6 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/allOf/2/then/anyOf/1/required",keyword:"required",params:{missingProperty: missing4},message:"must have required property '"+missing4+"'"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
var _valid3 = _errs22 === errors;
valid9 = valid9 || _valid3;
if(!valid9){
const err7 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/allOf/2/then/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
validate39.errors = vErrors;
return false;
}
else {
errors = _errs20;
if(vErrors !== null){
if(_errs20){
vErrors.length = _errs20;
}
else {
vErrors = null;
}
}
}
var _valid2 = _errs19 === errors;
valid7 = _valid2;
ifClause0 = "then";
}
else {
const _errs23 = errors;
const _errs24 = errors;
const _errs25 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
let missing5;
if((data1.counter === undefined) && (missing5 = "counter")){
const err8 = {};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
var valid10 = _errs25 === errors;
if(valid10){
validate39.errors = [{instancePath:instancePath+"/body",schemaPath:"#/properties/body/allOf/2/else/not",keyword:"not",params:{},message:"must NOT be valid"}];
return false;
}
else {
errors = _errs24;
if(vErrors !== null){
if(_errs24){
vErrors.length = _errs24;
}
else {
vErrors = null;
}
}
}
var _valid2 = _errs23 === errors;
valid7 = _valid2;
ifClause0 = "else";
}
if(!valid7){
const err9 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/allOf/2/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
validate39.errors = vErrors;
return false;
}
var valid2 = _errs15 === errors;
if(valid2){
const _errs26 = errors;
const _errs27 = errors;
let valid11 = true;
const _errs28 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.decision !== undefined){
if("question" !== data1.decision){
const err10 = {};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
var _valid4 = _errs28 === errors;
errors = _errs27;
if(vErrors !== null){
if(_errs27){
vErrors.length = _errs27;
}
else {
vErrors = null;
}
}
if(_valid4){
const _errs30 = errors;
const _errs31 = errors;
let valid13 = false;
const _errs32 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
let missing6;
if((data1.text === undefined) && (missing6 = "text")){
const err11 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/allOf/3/then/anyOf/0/required",keyword:"required",params:{missingProperty: missing6},message:"must have required property '"+missing6+"'"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
var _valid5 = _errs32 === errors;
valid13 = valid13 || _valid5;
const _errs33 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
let missing7;
if((data1.sealed === undefined) && (missing7 = "sealed")){
const err12 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/allOf/3/then/anyOf/1/required",keyword:"required",params:{missingProperty: missing7},message:"must have required property '"+missing7+"'"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
var _valid5 = _errs33 === errors;
valid13 = valid13 || _valid5;
if(!valid13){
const err13 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/allOf/3/then/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
validate39.errors = vErrors;
return false;
}
else {
errors = _errs31;
if(vErrors !== null){
if(_errs31){
vErrors.length = _errs31;
}
else {
vErrors = null;
}
}
}
var _valid4 = _errs30 === errors;
valid11 = _valid4;
}
if(!valid11){
const err14 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/allOf/3/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
validate39.errors = vErrors;
return false;
}
var valid2 = _errs26 === errors;
}
}
}
if(errors === _errs3){
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
let missing8;
if((data1.decision === undefined) && (missing8 = "decision")){
validate39.errors = [{instancePath:instancePath+"/body",schemaPath:"#/properties/body/required",keyword:"required",params:{missingProperty: missing8},message:"must have required property '"+missing8+"'"}];
return false;
}
else {
const _errs34 = errors;
for(const key0 in data1){
if(!((((((key0 === "decision") || (key0 === "reason")) || (key0 === "terms")) || (key0 === "counter")) || (key0 === "text")) || (key0 === "sealed"))){
validate39.errors = [{instancePath:instancePath+"/body",schemaPath:"#/properties/body/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs34 === errors){
if(data1.decision !== undefined){
let data6 = data1.decision;
const _errs35 = errors;
if(!((((data6 === "accept") || (data6 === "decline")) || (data6 === "counter")) || (data6 === "question"))){
validate39.errors = [{instancePath:instancePath+"/body/decision",schemaPath:"#/properties/body/properties/decision/enum",keyword:"enum",params:{allowedValues: schema76.properties.body.properties.decision.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid14 = _errs35 === errors;
}
else {
var valid14 = true;
}
if(valid14){
if(data1.reason !== undefined){
let data7 = data1.reason;
const _errs36 = errors;
if(!(((((((((((data7 === "price") || (data7 === "dates")) || (data7 === "quantity")) || (data7 === "terms")) || (data7 === "location")) || (data7 === "quality")) || (data7 === "vendor")) || (data7 === "timing")) || (data7 === "chose-other")) || (data7 === "no-longer-needed")) || (data7 === "other"))){
validate39.errors = [{instancePath:instancePath+"/body/reason",schemaPath:"defs.json#/$defs/reason/enum",keyword:"enum",params:{allowedValues: schema77.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid14 = _errs36 === errors;
}
else {
var valid14 = true;
}
if(valid14){
if(data1.terms !== undefined){
let data8 = data1.terms;
const _errs38 = errors;
const _errs39 = errors;
if(errors === _errs39){
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
let missing9;
if(((data8.uri === undefined) && (missing9 = "uri")) || ((data8.sha256 === undefined) && (missing9 = "sha256"))){
validate39.errors = [{instancePath:instancePath+"/body/terms",schemaPath:"defs.json#/$defs/termsRef/required",keyword:"required",params:{missingProperty: missing9},message:"must have required property '"+missing9+"'"}];
return false;
}
else {
const _errs41 = errors;
for(const key1 in data8){
if(!((key1 === "uri") || (key1 === "sha256"))){
validate39.errors = [{instancePath:instancePath+"/body/terms",schemaPath:"defs.json#/$defs/termsRef/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs41 === errors){
if(data8.uri !== undefined){
let data9 = data8.uri;
const _errs42 = errors;
if(errors === _errs42){
if(typeof data9 === "string"){
if(func1(data9) > 512){
validate39.errors = [{instancePath:instancePath+"/body/terms/uri",schemaPath:"defs.json#/$defs/termsRef/properties/uri/maxLength",keyword:"maxLength",params:{limit: 512},message:"must NOT have more than 512 characters"}];
return false;
}
else {
if(!pattern14.test(data9)){
validate39.errors = [{instancePath:instancePath+"/body/terms/uri",schemaPath:"defs.json#/$defs/termsRef/properties/uri/pattern",keyword:"pattern",params:{pattern: "^(?:https://[A-Za-z0-9.-]+(?::[0-9]+)?/[!-~]*|urn:[a-z0-9][a-z0-9-]{0,31}:[!-~]+)$"},message:"must match pattern \""+"^(?:https://[A-Za-z0-9.-]+(?::[0-9]+)?/[!-~]*|urn:[a-z0-9][a-z0-9-]{0,31}:[!-~]+)$"+"\""}];
return false;
}
}
}
else {
validate39.errors = [{instancePath:instancePath+"/body/terms/uri",schemaPath:"defs.json#/$defs/termsRef/properties/uri/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid17 = _errs42 === errors;
}
else {
var valid17 = true;
}
if(valid17){
if(data8.sha256 !== undefined){
let data10 = data8.sha256;
const _errs44 = errors;
if(errors === _errs44){
if(typeof data10 === "string"){
if(!pattern8.test(data10)){
validate39.errors = [{instancePath:instancePath+"/body/terms/sha256",schemaPath:"defs.json#/$defs/termsRef/properties/sha256/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"},message:"must match pattern \""+"^[0-9a-f]{64}$"+"\""}];
return false;
}
}
else {
validate39.errors = [{instancePath:instancePath+"/body/terms/sha256",schemaPath:"defs.json#/$defs/termsRef/properties/sha256/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid17 = _errs44 === errors;
}
else {
var valid17 = true;
}
}
}
}
}
else {
validate39.errors = [{instancePath:instancePath+"/body/terms",schemaPath:"defs.json#/$defs/termsRef/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid14 = _errs38 === errors;
}
else {
var valid14 = true;
}
if(valid14){
if(data1.counter !== undefined){
let data11 = data1.counter;
const _errs46 = errors;
if(errors === _errs46){
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
if(Object.keys(data11).length < 1){
validate39.errors = [{instancePath:instancePath+"/body/counter",schemaPath:"#/properties/body/properties/counter/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"}];
return false;
}
else {
const _errs48 = errors;
for(const key2 in data11){
if(!(((key2 === "price") || (key2 === "when")) || (key2 === "quantity"))){
validate39.errors = [{instancePath:instancePath+"/body/counter",schemaPath:"#/properties/body/properties/counter/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs48 === errors){
if(data11.price !== undefined){
const _errs49 = errors;
if(!(validate41(data11.price, {instancePath:instancePath+"/body/counter/price",parentData:data11,parentDataProperty:"price",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate41.errors : vErrors.concat(validate41.errors);
errors = vErrors.length;
}
var valid18 = _errs49 === errors;
}
else {
var valid18 = true;
}
if(valid18){
if(data11.when !== undefined){
const _errs50 = errors;
if(!(validate43(data11.when, {instancePath:instancePath+"/body/counter/when",parentData:data11,parentDataProperty:"when",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate43.errors : vErrors.concat(validate43.errors);
errors = vErrors.length;
}
var valid18 = _errs50 === errors;
}
else {
var valid18 = true;
}
if(valid18){
if(data11.quantity !== undefined){
let data14 = data11.quantity;
const _errs51 = errors;
const _errs52 = errors;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
validate39.errors = [{instancePath:instancePath+"/body/counter/quantity",schemaPath:"defs.json#/$defs/quantity/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs52){
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 > 10000 || isNaN(data14)){
validate39.errors = [{instancePath:instancePath+"/body/counter/quantity",schemaPath:"defs.json#/$defs/quantity/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10000},message:"must be <= 10000"}];
return false;
}
else {
if(data14 < 1 || isNaN(data14)){
validate39.errors = [{instancePath:instancePath+"/body/counter/quantity",schemaPath:"defs.json#/$defs/quantity/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
}
var valid18 = _errs51 === errors;
}
else {
var valid18 = true;
}
}
}
}
}
}
else {
validate39.errors = [{instancePath:instancePath+"/body/counter",schemaPath:"#/properties/body/properties/counter/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid14 = _errs46 === errors;
}
else {
var valid14 = true;
}
if(valid14){
if(data1.text !== undefined){
let data15 = data1.text;
const _errs54 = errors;
const _errs55 = errors;
if(errors === _errs55){
if(typeof data15 === "string"){
if(func1(data15) > 2000){
validate39.errors = [{instancePath:instancePath+"/body/text",schemaPath:"defs.json#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters"}];
return false;
}
else {
if(func1(data15) < 1){
validate39.errors = [{instancePath:instancePath+"/body/text",schemaPath:"defs.json#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate39.errors = [{instancePath:instancePath+"/body/text",schemaPath:"defs.json#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid14 = _errs54 === errors;
}
else {
var valid14 = true;
}
if(valid14){
if(data1.sealed !== undefined){
let data16 = data1.sealed;
const _errs57 = errors;
const _errs58 = errors;
if(errors === _errs58){
if(typeof data16 === "string"){
if(func1(data16) > 16384){
validate39.errors = [{instancePath:instancePath+"/body/sealed",schemaPath:"defs.json#/$defs/sealed/maxLength",keyword:"maxLength",params:{limit: 16384},message:"must NOT have more than 16384 characters"}];
return false;
}
else {
if(!pattern33.test(data16)){
validate39.errors = [{instancePath:instancePath+"/body/sealed",schemaPath:"defs.json#/$defs/sealed/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}$"+"\""}];
return false;
}
}
}
else {
validate39.errors = [{instancePath:instancePath+"/body/sealed",schemaPath:"defs.json#/$defs/sealed/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid14 = _errs57 === errors;
}
else {
var valid14 = true;
}
}
}
}
}
}
}
}
}
else {
validate39.errors = [{instancePath:instancePath+"/body",schemaPath:"#/properties/body/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid1 = _errs3 === errors;
}
else {
var valid1 = true;
}
if(valid1){
for(const key3 in data){
if((((((((((((key3 !== "type") && (key3 !== "body")) && (key3 !== "protocol")) && (key3 !== "author")) && (key3 !== "created")) && (key3 !== "expires")) && (key3 !== "nonce")) && (key3 !== "ref")) && (key3 !== "thread")) && (key3 !== "ext")) && (key3 !== "id")) && (key3 !== "sig")){
validate39.errors = [{instancePath,schemaPath:"#/unevaluatedProperties",keyword:"unevaluatedProperties",params:{unevaluatedProperty: key3},message:"must NOT have unevaluated properties"}];
return false;
break;
}
}
}
}
}
}
else {
validate39.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate39.errors = vErrors;
return errors === 0;
}
validate39.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const withdraw = validate45;
const schema88 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://intentcast.org/schemas/v1/withdraw.json","title":"Withdraw","description":"The author retracts its own intent or offer (spec/messages.md#withdraw).","type":"object","allOf":[{"$ref":"envelope.json"}],"properties":{"type":{"const":"withdraw"},"body":{"type":"object","properties":{"reason":{"$ref":"defs.json#/$defs/reason"},"text":{"$ref":"defs.json#/$defs/text"}},"additionalProperties":false}},"required":["ref","thread"],"unevaluatedProperties":false};

function validate45(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://intentcast.org/schemas/v1/withdraw.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate45.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(!(validate21(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.ref === undefined) && (missing0 = "ref")) || ((data.thread === undefined) && (missing0 = "thread"))){
validate45.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("withdraw" !== data.type){
validate45.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "withdraw"},message:"must be equal to constant"}];
return false;
}
var valid1 = _errs2 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data.body !== undefined){
let data1 = data.body;
const _errs3 = errors;
if(errors === _errs3){
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
const _errs5 = errors;
for(const key0 in data1){
if(!((key0 === "reason") || (key0 === "text"))){
validate45.errors = [{instancePath:instancePath+"/body",schemaPath:"#/properties/body/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs5 === errors){
if(data1.reason !== undefined){
let data2 = data1.reason;
const _errs6 = errors;
if(!(((((((((((data2 === "price") || (data2 === "dates")) || (data2 === "quantity")) || (data2 === "terms")) || (data2 === "location")) || (data2 === "quality")) || (data2 === "vendor")) || (data2 === "timing")) || (data2 === "chose-other")) || (data2 === "no-longer-needed")) || (data2 === "other"))){
validate45.errors = [{instancePath:instancePath+"/body/reason",schemaPath:"defs.json#/$defs/reason/enum",keyword:"enum",params:{allowedValues: schema77.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid2 = _errs6 === errors;
}
else {
var valid2 = true;
}
if(valid2){
if(data1.text !== undefined){
let data3 = data1.text;
const _errs8 = errors;
const _errs9 = errors;
if(errors === _errs9){
if(typeof data3 === "string"){
if(func1(data3) > 2000){
validate45.errors = [{instancePath:instancePath+"/body/text",schemaPath:"defs.json#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters"}];
return false;
}
else {
if(func1(data3) < 1){
validate45.errors = [{instancePath:instancePath+"/body/text",schemaPath:"defs.json#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate45.errors = [{instancePath:instancePath+"/body/text",schemaPath:"defs.json#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid2 = _errs8 === errors;
}
else {
var valid2 = true;
}
}
}
}
else {
validate45.errors = [{instancePath:instancePath+"/body",schemaPath:"#/properties/body/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid1 = _errs3 === errors;
}
else {
var valid1 = true;
}
if(valid1){
for(const key1 in data){
if((((((((((((key1 !== "type") && (key1 !== "body")) && (key1 !== "protocol")) && (key1 !== "author")) && (key1 !== "created")) && (key1 !== "expires")) && (key1 !== "nonce")) && (key1 !== "ref")) && (key1 !== "thread")) && (key1 !== "ext")) && (key1 !== "id")) && (key1 !== "sig")){
validate45.errors = [{instancePath,schemaPath:"#/unevaluatedProperties",keyword:"unevaluatedProperties",params:{unevaluatedProperty: key1},message:"must NOT have unevaluated properties"}];
return false;
break;
}
}
}
}
}
}
else {
validate45.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate45.errors = vErrors;
return errors === 0;
}
validate45.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const confirm = validate47;
const schema91 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://intentcast.org/schemas/v1/confirm.json","title":"Confirm","description":"The vendor's signed confirmation of an accepted offer, which closes the deal (spec/messages.md#confirm).","type":"object","allOf":[{"$ref":"envelope.json"}],"properties":{"type":{"const":"confirm"},"body":{"type":"object","properties":{"reference":{"type":"string","minLength":1,"maxLength":128},"text":{"$ref":"defs.json#/$defs/text"},"sealed":{"$ref":"defs.json#/$defs/sealed"}},"additionalProperties":false}},"required":["ref","thread"],"unevaluatedProperties":false};

function validate47(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://intentcast.org/schemas/v1/confirm.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate47.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(!(validate21(data, {instancePath,parentData,parentDataProperty,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.ref === undefined) && (missing0 = "ref")) || ((data.thread === undefined) && (missing0 = "thread"))){
validate47.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.type !== undefined){
const _errs2 = errors;
if("confirm" !== data.type){
validate47.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "confirm"},message:"must be equal to constant"}];
return false;
}
var valid1 = _errs2 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data.body !== undefined){
let data1 = data.body;
const _errs3 = errors;
if(errors === _errs3){
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
const _errs5 = errors;
for(const key0 in data1){
if(!(((key0 === "reference") || (key0 === "text")) || (key0 === "sealed"))){
validate47.errors = [{instancePath:instancePath+"/body",schemaPath:"#/properties/body/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs5 === errors){
if(data1.reference !== undefined){
let data2 = data1.reference;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data2 === "string"){
if(func1(data2) > 128){
validate47.errors = [{instancePath:instancePath+"/body/reference",schemaPath:"#/properties/body/properties/reference/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters"}];
return false;
}
else {
if(func1(data2) < 1){
validate47.errors = [{instancePath:instancePath+"/body/reference",schemaPath:"#/properties/body/properties/reference/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate47.errors = [{instancePath:instancePath+"/body/reference",schemaPath:"#/properties/body/properties/reference/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid2 = _errs6 === errors;
}
else {
var valid2 = true;
}
if(valid2){
if(data1.text !== undefined){
let data3 = data1.text;
const _errs8 = errors;
const _errs9 = errors;
if(errors === _errs9){
if(typeof data3 === "string"){
if(func1(data3) > 2000){
validate47.errors = [{instancePath:instancePath+"/body/text",schemaPath:"defs.json#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters"}];
return false;
}
else {
if(func1(data3) < 1){
validate47.errors = [{instancePath:instancePath+"/body/text",schemaPath:"defs.json#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate47.errors = [{instancePath:instancePath+"/body/text",schemaPath:"defs.json#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid2 = _errs8 === errors;
}
else {
var valid2 = true;
}
if(valid2){
if(data1.sealed !== undefined){
let data4 = data1.sealed;
const _errs11 = errors;
const _errs12 = errors;
if(errors === _errs12){
if(typeof data4 === "string"){
if(func1(data4) > 16384){
validate47.errors = [{instancePath:instancePath+"/body/sealed",schemaPath:"defs.json#/$defs/sealed/maxLength",keyword:"maxLength",params:{limit: 16384},message:"must NOT have more than 16384 characters"}];
return false;
}
else {
if(!pattern33.test(data4)){
validate47.errors = [{instancePath:instancePath+"/body/sealed",schemaPath:"defs.json#/$defs/sealed/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}$"+"\""}];
return false;
}
}
}
else {
validate47.errors = [{instancePath:instancePath+"/body/sealed",schemaPath:"defs.json#/$defs/sealed/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid2 = _errs11 === errors;
}
else {
var valid2 = true;
}
}
}
}
}
else {
validate47.errors = [{instancePath:instancePath+"/body",schemaPath:"#/properties/body/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid1 = _errs3 === errors;
}
else {
var valid1 = true;
}
if(valid1){
for(const key1 in data){
if((((((((((((key1 !== "type") && (key1 !== "body")) && (key1 !== "protocol")) && (key1 !== "author")) && (key1 !== "created")) && (key1 !== "expires")) && (key1 !== "nonce")) && (key1 !== "ref")) && (key1 !== "thread")) && (key1 !== "ext")) && (key1 !== "id")) && (key1 !== "sig")){
validate47.errors = [{instancePath,schemaPath:"#/unevaluatedProperties",keyword:"unevaluatedProperties",params:{unevaluatedProperty: key1},message:"must NOT have unevaluated properties"}];
return false;
break;
}
}
}
}
}
}
else {
validate47.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate47.errors = vErrors;
return errors === 0;
}
validate47.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const sealedContent = validate49;
const schema94 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://intentcast.org/schemas/v1/sealed-content.json","title":"Sealed content","description":"The plaintext of a sealed part once opened: private fields only the two parties read (spec/sealed.md).","type":"object","properties":{"price":{"$ref":"defs.json#/$defs/money"},"counter":{"type":"object","properties":{"price":{"$ref":"defs.json#/$defs/money"},"when":{"$ref":"defs.json#/$defs/window"},"quantity":{"$ref":"defs.json#/$defs/quantity"}},"minProperties":1,"additionalProperties":false},"text":{"$ref":"defs.json#/$defs/text"},"contact":{"type":"object","properties":{"name":{"type":"string","minLength":1,"maxLength":120},"email":{"type":"string","maxLength":254,"pattern":"^[^@\u0000- -   - \u2028\u2029  　﻿]+@[^@\u0000- -   - \u2028\u2029  　﻿]+$"},"phone":{"type":"string","maxLength":32,"pattern":"^\\+?[0-9 ()-]{3,31}$"}},"minProperties":1,"additionalProperties":false}},"minProperties":1,"additionalProperties":false};

function validate50(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate50.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.amount === undefined) && (missing0 = "amount")) || ((data.currency === undefined) && (missing0 = "currency"))){
validate50.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((key0 === "amount") || (key0 === "currency"))){
validate50.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.amount !== undefined){
let data0 = data.amount;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern20.test(data0)){
validate50.errors = [{instancePath:instancePath+"/amount",schemaPath:"#/$defs/amount/pattern",keyword:"pattern",params:{pattern: "^(?:0|[1-9][0-9]{0,14})(?:\\.[0-9]{1,6})?$"},message:"must match pattern \""+"^(?:0|[1-9][0-9]{0,14})(?:\\.[0-9]{1,6})?$"+"\""}];
return false;
}
}
else {
validate50.errors = [{instancePath:instancePath+"/amount",schemaPath:"#/$defs/amount/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.currency !== undefined){
let data1 = data.currency;
const _errs5 = errors;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data1 === "string"){
if(!pattern19.test(data1)){
validate50.errors = [{instancePath:instancePath+"/currency",schemaPath:"#/$defs/currency/pattern",keyword:"pattern",params:{pattern: "^[A-Z]{3}$"},message:"must match pattern \""+"^[A-Z]{3}$"+"\""}];
return false;
}
}
else {
validate50.errors = [{instancePath:instancePath+"/currency",schemaPath:"#/$defs/currency/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
else {
validate50.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate50.errors = vErrors;
return errors === 0;
}
validate50.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate53(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate53.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.start === undefined) && (missing0 = "start")) || ((data.end === undefined) && (missing0 = "end"))){
validate53.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((key0 === "start") || (key0 === "end"))){
validate53.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.start !== undefined){
let data0 = data.start;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern5.test(data0)){
validate53.errors = [{instancePath:instancePath+"/start",schemaPath:"#/$defs/timestamp/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"},message:"must match pattern \""+"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"+"\""}];
return false;
}
}
else {
validate53.errors = [{instancePath:instancePath+"/start",schemaPath:"#/$defs/timestamp/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.end !== undefined){
let data1 = data.end;
const _errs5 = errors;
const _errs6 = errors;
if(errors === _errs6){
if(typeof data1 === "string"){
if(!pattern5.test(data1)){
validate53.errors = [{instancePath:instancePath+"/end",schemaPath:"#/$defs/timestamp/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"},message:"must match pattern \""+"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"+"\""}];
return false;
}
}
else {
validate53.errors = [{instancePath:instancePath+"/end",schemaPath:"#/$defs/timestamp/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
else {
validate53.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate53.errors = vErrors;
return errors === 0;
}
validate53.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const pattern46 = new RegExp("^[^@\u0000- -   - \u2028\u2029  　﻿]+@[^@\u0000- -   - \u2028\u2029  　﻿]+$", "u");
const pattern47 = new RegExp("^\\+?[0-9 ()-]{3,31}$", "u");

function validate49(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://intentcast.org/schemas/v1/sealed-content.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate49.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
if(Object.keys(data).length < 1){
validate49.errors = [{instancePath,schemaPath:"#/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((((key0 === "price") || (key0 === "counter")) || (key0 === "text")) || (key0 === "contact"))){
validate49.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.price !== undefined){
const _errs2 = errors;
if(!(validate50(data.price, {instancePath:instancePath+"/price",parentData:data,parentDataProperty:"price",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate50.errors : vErrors.concat(validate50.errors);
errors = vErrors.length;
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.counter !== undefined){
let data1 = data.counter;
const _errs3 = errors;
if(errors === _errs3){
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(Object.keys(data1).length < 1){
validate49.errors = [{instancePath:instancePath+"/counter",schemaPath:"#/properties/counter/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"}];
return false;
}
else {
const _errs5 = errors;
for(const key1 in data1){
if(!(((key1 === "price") || (key1 === "when")) || (key1 === "quantity"))){
validate49.errors = [{instancePath:instancePath+"/counter",schemaPath:"#/properties/counter/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs5 === errors){
if(data1.price !== undefined){
const _errs6 = errors;
if(!(validate50(data1.price, {instancePath:instancePath+"/counter/price",parentData:data1,parentDataProperty:"price",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate50.errors : vErrors.concat(validate50.errors);
errors = vErrors.length;
}
var valid1 = _errs6 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data1.when !== undefined){
const _errs7 = errors;
if(!(validate53(data1.when, {instancePath:instancePath+"/counter/when",parentData:data1,parentDataProperty:"when",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate53.errors : vErrors.concat(validate53.errors);
errors = vErrors.length;
}
var valid1 = _errs7 === errors;
}
else {
var valid1 = true;
}
if(valid1){
if(data1.quantity !== undefined){
let data4 = data1.quantity;
const _errs8 = errors;
const _errs9 = errors;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
validate49.errors = [{instancePath:instancePath+"/counter/quantity",schemaPath:"defs.json#/$defs/quantity/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs9){
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 10000 || isNaN(data4)){
validate49.errors = [{instancePath:instancePath+"/counter/quantity",schemaPath:"defs.json#/$defs/quantity/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10000},message:"must be <= 10000"}];
return false;
}
else {
if(data4 < 1 || isNaN(data4)){
validate49.errors = [{instancePath:instancePath+"/counter/quantity",schemaPath:"defs.json#/$defs/quantity/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
}
var valid1 = _errs8 === errors;
}
else {
var valid1 = true;
}
}
}
}
}
}
else {
validate49.errors = [{instancePath:instancePath+"/counter",schemaPath:"#/properties/counter/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.text !== undefined){
let data5 = data.text;
const _errs11 = errors;
const _errs12 = errors;
if(errors === _errs12){
if(typeof data5 === "string"){
if(func1(data5) > 2000){
validate49.errors = [{instancePath:instancePath+"/text",schemaPath:"defs.json#/$defs/text/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters"}];
return false;
}
else {
if(func1(data5) < 1){
validate49.errors = [{instancePath:instancePath+"/text",schemaPath:"defs.json#/$defs/text/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate49.errors = [{instancePath:instancePath+"/text",schemaPath:"defs.json#/$defs/text/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs11 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.contact !== undefined){
let data6 = data.contact;
const _errs14 = errors;
if(errors === _errs14){
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(Object.keys(data6).length < 1){
validate49.errors = [{instancePath:instancePath+"/contact",schemaPath:"#/properties/contact/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"}];
return false;
}
else {
const _errs16 = errors;
for(const key2 in data6){
if(!(((key2 === "name") || (key2 === "email")) || (key2 === "phone"))){
validate49.errors = [{instancePath:instancePath+"/contact",schemaPath:"#/properties/contact/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs16 === errors){
if(data6.name !== undefined){
let data7 = data6.name;
const _errs17 = errors;
if(errors === _errs17){
if(typeof data7 === "string"){
if(func1(data7) > 120){
validate49.errors = [{instancePath:instancePath+"/contact/name",schemaPath:"#/properties/contact/properties/name/maxLength",keyword:"maxLength",params:{limit: 120},message:"must NOT have more than 120 characters"}];
return false;
}
else {
if(func1(data7) < 1){
validate49.errors = [{instancePath:instancePath+"/contact/name",schemaPath:"#/properties/contact/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
}
else {
validate49.errors = [{instancePath:instancePath+"/contact/name",schemaPath:"#/properties/contact/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid4 = _errs17 === errors;
}
else {
var valid4 = true;
}
if(valid4){
if(data6.email !== undefined){
let data8 = data6.email;
const _errs19 = errors;
if(errors === _errs19){
if(typeof data8 === "string"){
if(func1(data8) > 254){
validate49.errors = [{instancePath:instancePath+"/contact/email",schemaPath:"#/properties/contact/properties/email/maxLength",keyword:"maxLength",params:{limit: 254},message:"must NOT have more than 254 characters"}];
return false;
}
else {
if(!pattern46.test(data8)){
validate49.errors = [{instancePath:instancePath+"/contact/email",schemaPath:"#/properties/contact/properties/email/pattern",keyword:"pattern",params:{pattern: "^[^@\u0000- -   - \u2028\u2029  　﻿]+@[^@\u0000- -   - \u2028\u2029  　﻿]+$"},message:"must match pattern \""+"^[^@\u0000- -   - \u2028\u2029  　﻿]+@[^@\u0000- -   - \u2028\u2029  　﻿]+$"+"\""}];
return false;
}
}
}
else {
validate49.errors = [{instancePath:instancePath+"/contact/email",schemaPath:"#/properties/contact/properties/email/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid4 = _errs19 === errors;
}
else {
var valid4 = true;
}
if(valid4){
if(data6.phone !== undefined){
let data9 = data6.phone;
const _errs21 = errors;
if(errors === _errs21){
if(typeof data9 === "string"){
if(func1(data9) > 32){
validate49.errors = [{instancePath:instancePath+"/contact/phone",schemaPath:"#/properties/contact/properties/phone/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters"}];
return false;
}
else {
if(!pattern47.test(data9)){
validate49.errors = [{instancePath:instancePath+"/contact/phone",schemaPath:"#/properties/contact/properties/phone/pattern",keyword:"pattern",params:{pattern: "^\\+?[0-9 ()-]{3,31}$"},message:"must match pattern \""+"^\\+?[0-9 ()-]{3,31}$"+"\""}];
return false;
}
}
}
else {
validate49.errors = [{instancePath:instancePath+"/contact/phone",schemaPath:"#/properties/contact/properties/phone/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid4 = _errs21 === errors;
}
else {
var valid4 = true;
}
}
}
}
}
}
else {
validate49.errors = [{instancePath:instancePath+"/contact",schemaPath:"#/properties/contact/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
else {
validate49.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate49.errors = vErrors;
return errors === 0;
}
validate49.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const webhookEvent = validate55;
const schema103 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://intentcast.org/schemas/v1/webhook-event.json","title":"Webhook event","description":"The JSON body of a webhook delivery from a relay to an endpoint (spec/webhooks.md#the-event-body). Events that concern a message carry that signed message unchanged.","type":"object","properties":{"type":{"enum":["intent.matched","mailbox.offer","mailbox.reply","mailbox.withdraw","mailbox.confirm","intent.expired","endpoint.disabled","test"]},"timestamp":{"$ref":"defs.json#/$defs/timestamp"},"data":{"type":"object"}},"required":["type","timestamp","data"],"additionalProperties":false,"allOf":[{"if":{"properties":{"type":{"enum":["intent.matched","intent.expired"]}},"required":["type"]},"then":{"properties":{"data":{"$ref":"#/$defs/intentData"}}}},{"if":{"properties":{"type":{"const":"mailbox.offer"}},"required":["type"]},"then":{"properties":{"data":{"$ref":"#/$defs/offerData"}}}},{"if":{"properties":{"type":{"const":"mailbox.reply"}},"required":["type"]},"then":{"properties":{"data":{"$ref":"#/$defs/replyData"}}}},{"if":{"properties":{"type":{"const":"mailbox.withdraw"}},"required":["type"]},"then":{"properties":{"data":{"$ref":"#/$defs/withdrawData"}}}},{"if":{"properties":{"type":{"const":"mailbox.confirm"}},"required":["type"]},"then":{"properties":{"data":{"$ref":"#/$defs/confirmData"}}}},{"if":{"properties":{"type":{"const":"endpoint.disabled"}},"required":["type"]},"then":{"properties":{"data":{"$ref":"#/$defs/disabledData"}}}},{"if":{"properties":{"type":{"const":"test"}},"required":["type"]},"then":{"properties":{"data":{"$ref":"#/$defs/testData"}}}}],"$defs":{"endpoint":{"description":"The relay's id of the webhook endpoint the delivery is for.","type":"string","pattern":"^[A-Za-z0-9_-]{1,64}$"},"seq":{"description":"The relay's sequence number of the message: its commit order, strictly increasing, never reused.","type":"integer","minimum":1,"maximum":9007199254740991},"intentData":{"type":"object","properties":{"endpoint":{"$ref":"#/$defs/endpoint"},"seq":{"$ref":"#/$defs/seq"},"message":{"$ref":"intent.json"}},"required":["endpoint","seq","message"],"additionalProperties":false},"offerData":{"type":"object","properties":{"endpoint":{"$ref":"#/$defs/endpoint"},"seq":{"$ref":"#/$defs/seq"},"message":{"$ref":"offer.json"}},"required":["endpoint","seq","message"],"additionalProperties":false},"replyData":{"type":"object","properties":{"endpoint":{"$ref":"#/$defs/endpoint"},"seq":{"$ref":"#/$defs/seq"},"message":{"$ref":"reply.json"}},"required":["endpoint","seq","message"],"additionalProperties":false},"withdrawData":{"type":"object","properties":{"endpoint":{"$ref":"#/$defs/endpoint"},"seq":{"$ref":"#/$defs/seq"},"message":{"$ref":"withdraw.json"}},"required":["endpoint","seq","message"],"additionalProperties":false},"confirmData":{"type":"object","properties":{"endpoint":{"$ref":"#/$defs/endpoint"},"seq":{"$ref":"#/$defs/seq"},"message":{"$ref":"confirm.json"}},"required":["endpoint","seq","message"],"additionalProperties":false},"disabledData":{"type":"object","properties":{"endpoint":{"$ref":"#/$defs/endpoint"},"reason":{"description":"failures: deliveries kept failing; owner: the endpoint's owner turned it off; operator: the relay's operator did.","enum":["failures","owner","operator"]}},"required":["endpoint","reason"],"additionalProperties":false},"testData":{"type":"object","properties":{"endpoint":{"$ref":"#/$defs/endpoint"}},"required":["endpoint"],"additionalProperties":false}}};
const schema104 = {"type":"object","properties":{"endpoint":{"$ref":"#/$defs/endpoint"},"seq":{"$ref":"#/$defs/seq"},"message":{"$ref":"intent.json"}},"required":["endpoint","seq","message"],"additionalProperties":false};
const schema105 = {"description":"The relay's id of the webhook endpoint the delivery is for.","type":"string","pattern":"^[A-Za-z0-9_-]{1,64}$"};
const schema106 = {"description":"The relay's sequence number of the message: its commit order, strictly increasing, never reused.","type":"integer","minimum":1,"maximum":9007199254740991};
const pattern48 = new RegExp("^[A-Za-z0-9_-]{1,64}$", "u");

function validate56(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate56.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.endpoint === undefined) && (missing0 = "endpoint")) || ((data.seq === undefined) && (missing0 = "seq"))) || ((data.message === undefined) && (missing0 = "message"))){
validate56.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(((key0 === "endpoint") || (key0 === "seq")) || (key0 === "message"))){
validate56.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.endpoint !== undefined){
let data0 = data.endpoint;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern48.test(data0)){
validate56.errors = [{instancePath:instancePath+"/endpoint",schemaPath:"#/$defs/endpoint/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate56.errors = [{instancePath:instancePath+"/endpoint",schemaPath:"#/$defs/endpoint/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.seq !== undefined){
let data1 = data.seq;
const _errs5 = errors;
const _errs6 = errors;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
validate56.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/$defs/seq/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs6){
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 9007199254740991 || isNaN(data1)){
validate56.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/$defs/seq/maximum",keyword:"maximum",params:{comparison: "<=", limit: 9007199254740991},message:"must be <= 9007199254740991"}];
return false;
}
else {
if(data1 < 1 || isNaN(data1)){
validate56.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/$defs/seq/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.message !== undefined){
const _errs8 = errors;
if(!(validate20(data.message, {instancePath:instancePath+"/message",parentData:data,parentDataProperty:"message",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate20.errors : vErrors.concat(validate20.errors);
errors = vErrors.length;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
else {
validate56.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate56.errors = vErrors;
return errors === 0;
}
validate56.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema107 = {"type":"object","properties":{"endpoint":{"$ref":"#/$defs/endpoint"},"seq":{"$ref":"#/$defs/seq"},"message":{"$ref":"offer.json"}},"required":["endpoint","seq","message"],"additionalProperties":false};

function validate59(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate59.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.endpoint === undefined) && (missing0 = "endpoint")) || ((data.seq === undefined) && (missing0 = "seq"))) || ((data.message === undefined) && (missing0 = "message"))){
validate59.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(((key0 === "endpoint") || (key0 === "seq")) || (key0 === "message"))){
validate59.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.endpoint !== undefined){
let data0 = data.endpoint;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern48.test(data0)){
validate59.errors = [{instancePath:instancePath+"/endpoint",schemaPath:"#/$defs/endpoint/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate59.errors = [{instancePath:instancePath+"/endpoint",schemaPath:"#/$defs/endpoint/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.seq !== undefined){
let data1 = data.seq;
const _errs5 = errors;
const _errs6 = errors;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
validate59.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/$defs/seq/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs6){
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 9007199254740991 || isNaN(data1)){
validate59.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/$defs/seq/maximum",keyword:"maximum",params:{comparison: "<=", limit: 9007199254740991},message:"must be <= 9007199254740991"}];
return false;
}
else {
if(data1 < 1 || isNaN(data1)){
validate59.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/$defs/seq/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.message !== undefined){
const _errs8 = errors;
if(!(validate33(data.message, {instancePath:instancePath+"/message",parentData:data,parentDataProperty:"message",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
else {
validate59.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate59.errors = vErrors;
return errors === 0;
}
validate59.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema110 = {"type":"object","properties":{"endpoint":{"$ref":"#/$defs/endpoint"},"seq":{"$ref":"#/$defs/seq"},"message":{"$ref":"reply.json"}},"required":["endpoint","seq","message"],"additionalProperties":false};

function validate62(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate62.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.endpoint === undefined) && (missing0 = "endpoint")) || ((data.seq === undefined) && (missing0 = "seq"))) || ((data.message === undefined) && (missing0 = "message"))){
validate62.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(((key0 === "endpoint") || (key0 === "seq")) || (key0 === "message"))){
validate62.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.endpoint !== undefined){
let data0 = data.endpoint;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern48.test(data0)){
validate62.errors = [{instancePath:instancePath+"/endpoint",schemaPath:"#/$defs/endpoint/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate62.errors = [{instancePath:instancePath+"/endpoint",schemaPath:"#/$defs/endpoint/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.seq !== undefined){
let data1 = data.seq;
const _errs5 = errors;
const _errs6 = errors;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
validate62.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/$defs/seq/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs6){
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 9007199254740991 || isNaN(data1)){
validate62.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/$defs/seq/maximum",keyword:"maximum",params:{comparison: "<=", limit: 9007199254740991},message:"must be <= 9007199254740991"}];
return false;
}
else {
if(data1 < 1 || isNaN(data1)){
validate62.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/$defs/seq/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.message !== undefined){
const _errs8 = errors;
if(!(validate39(data.message, {instancePath:instancePath+"/message",parentData:data,parentDataProperty:"message",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate39.errors : vErrors.concat(validate39.errors);
errors = vErrors.length;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
else {
validate62.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate62.errors = vErrors;
return errors === 0;
}
validate62.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema113 = {"type":"object","properties":{"endpoint":{"$ref":"#/$defs/endpoint"},"seq":{"$ref":"#/$defs/seq"},"message":{"$ref":"withdraw.json"}},"required":["endpoint","seq","message"],"additionalProperties":false};

function validate65(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate65.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.endpoint === undefined) && (missing0 = "endpoint")) || ((data.seq === undefined) && (missing0 = "seq"))) || ((data.message === undefined) && (missing0 = "message"))){
validate65.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(((key0 === "endpoint") || (key0 === "seq")) || (key0 === "message"))){
validate65.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.endpoint !== undefined){
let data0 = data.endpoint;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern48.test(data0)){
validate65.errors = [{instancePath:instancePath+"/endpoint",schemaPath:"#/$defs/endpoint/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate65.errors = [{instancePath:instancePath+"/endpoint",schemaPath:"#/$defs/endpoint/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.seq !== undefined){
let data1 = data.seq;
const _errs5 = errors;
const _errs6 = errors;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
validate65.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/$defs/seq/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs6){
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 9007199254740991 || isNaN(data1)){
validate65.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/$defs/seq/maximum",keyword:"maximum",params:{comparison: "<=", limit: 9007199254740991},message:"must be <= 9007199254740991"}];
return false;
}
else {
if(data1 < 1 || isNaN(data1)){
validate65.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/$defs/seq/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.message !== undefined){
const _errs8 = errors;
if(!(validate45(data.message, {instancePath:instancePath+"/message",parentData:data,parentDataProperty:"message",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate45.errors : vErrors.concat(validate45.errors);
errors = vErrors.length;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
else {
validate65.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate65.errors = vErrors;
return errors === 0;
}
validate65.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema116 = {"type":"object","properties":{"endpoint":{"$ref":"#/$defs/endpoint"},"seq":{"$ref":"#/$defs/seq"},"message":{"$ref":"confirm.json"}},"required":["endpoint","seq","message"],"additionalProperties":false};

function validate68(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate68.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((data.endpoint === undefined) && (missing0 = "endpoint")) || ((data.seq === undefined) && (missing0 = "seq"))) || ((data.message === undefined) && (missing0 = "message"))){
validate68.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(((key0 === "endpoint") || (key0 === "seq")) || (key0 === "message"))){
validate68.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.endpoint !== undefined){
let data0 = data.endpoint;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern48.test(data0)){
validate68.errors = [{instancePath:instancePath+"/endpoint",schemaPath:"#/$defs/endpoint/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate68.errors = [{instancePath:instancePath+"/endpoint",schemaPath:"#/$defs/endpoint/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.seq !== undefined){
let data1 = data.seq;
const _errs5 = errors;
const _errs6 = errors;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
validate68.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/$defs/seq/type",keyword:"type",params:{type: "integer"},message:"must be integer"}];
return false;
}
if(errors === _errs6){
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 9007199254740991 || isNaN(data1)){
validate68.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/$defs/seq/maximum",keyword:"maximum",params:{comparison: "<=", limit: 9007199254740991},message:"must be <= 9007199254740991"}];
return false;
}
else {
if(data1 < 1 || isNaN(data1)){
validate68.errors = [{instancePath:instancePath+"/seq",schemaPath:"#/$defs/seq/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"}];
return false;
}
}
}
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.message !== undefined){
const _errs8 = errors;
if(!(validate47(data.message, {instancePath:instancePath+"/message",parentData:data,parentDataProperty:"message",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate47.errors : vErrors.concat(validate47.errors);
errors = vErrors.length;
}
var valid0 = _errs8 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
else {
validate68.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate68.errors = vErrors;
return errors === 0;
}
validate68.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema119 = {"type":"object","properties":{"endpoint":{"$ref":"#/$defs/endpoint"},"reason":{"description":"failures: deliveries kept failing; owner: the endpoint's owner turned it off; operator: the relay's operator did.","enum":["failures","owner","operator"]}},"required":["endpoint","reason"],"additionalProperties":false};

function validate71(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate71.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.endpoint === undefined) && (missing0 = "endpoint")) || ((data.reason === undefined) && (missing0 = "reason"))){
validate71.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!((key0 === "endpoint") || (key0 === "reason"))){
validate71.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.endpoint !== undefined){
let data0 = data.endpoint;
const _errs2 = errors;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern48.test(data0)){
validate71.errors = [{instancePath:instancePath+"/endpoint",schemaPath:"#/$defs/endpoint/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate71.errors = [{instancePath:instancePath+"/endpoint",schemaPath:"#/$defs/endpoint/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs2 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.reason !== undefined){
let data1 = data.reason;
const _errs5 = errors;
if(!(((data1 === "failures") || (data1 === "owner")) || (data1 === "operator"))){
validate71.errors = [{instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/enum",keyword:"enum",params:{allowedValues: schema119.properties.reason.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
else {
validate71.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate71.errors = vErrors;
return errors === 0;
}
validate71.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema121 = {"type":"object","properties":{"endpoint":{"$ref":"#/$defs/endpoint"}},"required":["endpoint"],"additionalProperties":false};

function validate73(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate73.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.endpoint === undefined) && (missing0 = "endpoint")){
validate73.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
const _errs1 = errors;
for(const key0 in data){
if(!(key0 === "endpoint")){
validate73.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs1 === errors){
if(data.endpoint !== undefined){
let data0 = data.endpoint;
const _errs3 = errors;
if(errors === _errs3){
if(typeof data0 === "string"){
if(!pattern48.test(data0)){
validate73.errors = [{instancePath:instancePath+"/endpoint",schemaPath:"#/$defs/endpoint/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\""}];
return false;
}
}
else {
validate73.errors = [{instancePath:instancePath+"/endpoint",schemaPath:"#/$defs/endpoint/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
}
}
}
}
else {
validate73.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate73.errors = vErrors;
return errors === 0;
}
validate73.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate55(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://intentcast.org/schemas/v1/webhook-event.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate55.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs1 = errors;
const _errs2 = errors;
let valid1 = true;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.type === undefined) && (missing0 = "type")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
else {
if(data.type !== undefined){
let data0 = data.type;
if(!((data0 === "intent.matched") || (data0 === "intent.expired"))){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
}
}
var _valid0 = _errs3 === errors;
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.data !== undefined){
if(!(validate56(data.data, {instancePath:instancePath+"/data",parentData:data,parentDataProperty:"data",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate56.errors : vErrors.concat(validate56.errors);
errors = vErrors.length;
}
}
}
var _valid0 = _errs5 === errors;
valid1 = _valid0;
if(valid1){
var props0 = {};
props0.data = true;
props0.type = true;
}
}
if(!valid1){
const err2 = {instancePath,schemaPath:"#/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
validate55.errors = vErrors;
return false;
}
var valid0 = _errs1 === errors;
if(valid0){
const _errs7 = errors;
const _errs8 = errors;
let valid4 = true;
const _errs9 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if((data.type === undefined) && (missing1 = "type")){
const err3 = {};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
else {
if(data.type !== undefined){
if("mailbox.offer" !== data.type){
const err4 = {};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
}
var _valid1 = _errs9 === errors;
errors = _errs8;
if(vErrors !== null){
if(_errs8){
vErrors.length = _errs8;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs11 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.data !== undefined){
if(!(validate59(data.data, {instancePath:instancePath+"/data",parentData:data,parentDataProperty:"data",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate59.errors : vErrors.concat(validate59.errors);
errors = vErrors.length;
}
}
}
var _valid1 = _errs11 === errors;
valid4 = _valid1;
if(valid4){
var props1 = {};
props1.data = true;
props1.type = true;
}
}
if(!valid4){
const err5 = {instancePath,schemaPath:"#/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
validate55.errors = vErrors;
return false;
}
var valid0 = _errs7 === errors;
if(valid0){
if(props0 !== true && props1 !== undefined){
if(props1 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props1);
}
}
const _errs13 = errors;
const _errs14 = errors;
let valid7 = true;
const _errs15 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing2;
if((data.type === undefined) && (missing2 = "type")){
const err6 = {};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
else {
if(data.type !== undefined){
if("mailbox.reply" !== data.type){
const err7 = {};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
}
var _valid2 = _errs15 === errors;
errors = _errs14;
if(vErrors !== null){
if(_errs14){
vErrors.length = _errs14;
}
else {
vErrors = null;
}
}
if(_valid2){
const _errs17 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.data !== undefined){
if(!(validate62(data.data, {instancePath:instancePath+"/data",parentData:data,parentDataProperty:"data",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
errors = vErrors.length;
}
}
}
var _valid2 = _errs17 === errors;
valid7 = _valid2;
if(valid7){
var props2 = {};
props2.data = true;
props2.type = true;
}
}
if(!valid7){
const err8 = {instancePath,schemaPath:"#/allOf/2/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
validate55.errors = vErrors;
return false;
}
var valid0 = _errs13 === errors;
if(valid0){
if(props0 !== true && props2 !== undefined){
if(props2 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props2);
}
}
const _errs19 = errors;
const _errs20 = errors;
let valid10 = true;
const _errs21 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing3;
if((data.type === undefined) && (missing3 = "type")){
const err9 = {};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
else {
if(data.type !== undefined){
if("mailbox.withdraw" !== data.type){
const err10 = {};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
}
var _valid3 = _errs21 === errors;
errors = _errs20;
if(vErrors !== null){
if(_errs20){
vErrors.length = _errs20;
}
else {
vErrors = null;
}
}
if(_valid3){
const _errs23 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.data !== undefined){
if(!(validate65(data.data, {instancePath:instancePath+"/data",parentData:data,parentDataProperty:"data",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate65.errors : vErrors.concat(validate65.errors);
errors = vErrors.length;
}
}
}
var _valid3 = _errs23 === errors;
valid10 = _valid3;
if(valid10){
var props3 = {};
props3.data = true;
props3.type = true;
}
}
if(!valid10){
const err11 = {instancePath,schemaPath:"#/allOf/3/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
validate55.errors = vErrors;
return false;
}
var valid0 = _errs19 === errors;
if(valid0){
if(props0 !== true && props3 !== undefined){
if(props3 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props3);
}
}
const _errs25 = errors;
const _errs26 = errors;
let valid13 = true;
const _errs27 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing4;
if((data.type === undefined) && (missing4 = "type")){
const err12 = {};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
else {
if(data.type !== undefined){
if("mailbox.confirm" !== data.type){
const err13 = {};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
}
var _valid4 = _errs27 === errors;
errors = _errs26;
if(vErrors !== null){
if(_errs26){
vErrors.length = _errs26;
}
else {
vErrors = null;
}
}
if(_valid4){
const _errs29 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.data !== undefined){
if(!(validate68(data.data, {instancePath:instancePath+"/data",parentData:data,parentDataProperty:"data",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate68.errors : vErrors.concat(validate68.errors);
errors = vErrors.length;
}
}
}
var _valid4 = _errs29 === errors;
valid13 = _valid4;
if(valid13){
var props4 = {};
props4.data = true;
props4.type = true;
}
}
if(!valid13){
const err14 = {instancePath,schemaPath:"#/allOf/4/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
validate55.errors = vErrors;
return false;
}
var valid0 = _errs25 === errors;
if(valid0){
if(props0 !== true && props4 !== undefined){
if(props4 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props4);
}
}
const _errs31 = errors;
const _errs32 = errors;
let valid16 = true;
const _errs33 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing5;
if((data.type === undefined) && (missing5 = "type")){
const err15 = {};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
else {
if(data.type !== undefined){
if("endpoint.disabled" !== data.type){
const err16 = {};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
}
var _valid5 = _errs33 === errors;
errors = _errs32;
if(vErrors !== null){
if(_errs32){
vErrors.length = _errs32;
}
else {
vErrors = null;
}
}
if(_valid5){
const _errs35 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.data !== undefined){
if(!(validate71(data.data, {instancePath:instancePath+"/data",parentData:data,parentDataProperty:"data",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate71.errors : vErrors.concat(validate71.errors);
errors = vErrors.length;
}
}
}
var _valid5 = _errs35 === errors;
valid16 = _valid5;
if(valid16){
var props5 = {};
props5.data = true;
props5.type = true;
}
}
if(!valid16){
const err17 = {instancePath,schemaPath:"#/allOf/5/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
validate55.errors = vErrors;
return false;
}
var valid0 = _errs31 === errors;
if(valid0){
if(props0 !== true && props5 !== undefined){
if(props5 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props5);
}
}
const _errs37 = errors;
const _errs38 = errors;
let valid19 = true;
const _errs39 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing6;
if((data.type === undefined) && (missing6 = "type")){
const err18 = {};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
else {
if(data.type !== undefined){
if("test" !== data.type){
const err19 = {};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
}
var _valid6 = _errs39 === errors;
errors = _errs38;
if(vErrors !== null){
if(_errs38){
vErrors.length = _errs38;
}
else {
vErrors = null;
}
}
if(_valid6){
const _errs41 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.data !== undefined){
if(!(validate73(data.data, {instancePath:instancePath+"/data",parentData:data,parentDataProperty:"data",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate73.errors : vErrors.concat(validate73.errors);
errors = vErrors.length;
}
}
}
var _valid6 = _errs41 === errors;
valid19 = _valid6;
if(valid19){
var props6 = {};
props6.data = true;
props6.type = true;
}
}
if(!valid19){
const err20 = {instancePath,schemaPath:"#/allOf/6/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
validate55.errors = vErrors;
return false;
}
var valid0 = _errs37 === errors;
if(valid0){
if(props0 !== true && props6 !== undefined){
if(props6 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props6);
}
}
}
}
}
}
}
}
}
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing7;
if((((data.type === undefined) && (missing7 = "type")) || ((data.timestamp === undefined) && (missing7 = "timestamp"))) || ((data.data === undefined) && (missing7 = "data"))){
validate55.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing7},message:"must have required property '"+missing7+"'"}];
return false;
}
else {
const _errs43 = errors;
for(const key0 in data){
if(!(((key0 === "type") || (key0 === "timestamp")) || (key0 === "data"))){
validate55.errors = [{instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"}];
return false;
break;
}
}
if(_errs43 === errors){
if(data.type !== undefined){
let data14 = data.type;
const _errs44 = errors;
if(!((((((((data14 === "intent.matched") || (data14 === "mailbox.offer")) || (data14 === "mailbox.reply")) || (data14 === "mailbox.withdraw")) || (data14 === "mailbox.confirm")) || (data14 === "intent.expired")) || (data14 === "endpoint.disabled")) || (data14 === "test"))){
validate55.errors = [{instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema103.properties.type.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid22 = _errs44 === errors;
}
else {
var valid22 = true;
}
if(valid22){
if(data.timestamp !== undefined){
let data15 = data.timestamp;
const _errs45 = errors;
const _errs46 = errors;
if(errors === _errs46){
if(typeof data15 === "string"){
if(!pattern5.test(data15)){
validate55.errors = [{instancePath:instancePath+"/timestamp",schemaPath:"defs.json#/$defs/timestamp/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"},message:"must match pattern \""+"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{3})?Z$"+"\""}];
return false;
}
}
else {
validate55.errors = [{instancePath:instancePath+"/timestamp",schemaPath:"defs.json#/$defs/timestamp/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid22 = _errs45 === errors;
}
else {
var valid22 = true;
}
if(valid22){
if(data.data !== undefined){
let data16 = data.data;
const _errs48 = errors;
if(!(data16 && typeof data16 == "object" && !Array.isArray(data16))){
validate55.errors = [{instancePath:instancePath+"/data",schemaPath:"#/properties/data/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
var valid22 = _errs48 === errors;
}
else {
var valid22 = true;
}
}
}
}
}
}
else {
validate55.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate55.errors = vErrors;
return errors === 0;
}
validate55.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

