// Results, errors and warnings
export * from './lib/ingest-issue';
// Bytes and tables
export * from './lib/decode-text';
export * from './lib/delimited';
export * from './lib/xlsx';
export * from './lib/tabular-file';
export * from './lib/json-text';
// Values, time zones, names
export * from './lib/value-parsers';
export * from './lib/local-time';
export * from './lib/text-match';
// What a file is checked against, and how its columns are read
export * from './lib/ingest-catalog';
export * from './lib/ingest-catalog.constants';
export * from './lib/column-mapping';
export * from './lib/column-mapping.constants';
export * from './lib/wide-columns.constants';
// Records and validation
export * from './lib/observation-record';
export * from './lib/validate-observations';
// One entry point per source kind
export * from './lib/observations-file';
export * from './lib/contacts';
export * from './lib/qa-evaluations';
export type {
  ContactCenterMappingOptions,
  ParseContactCenterJsonOptions,
  QueueTarget,
} from './lib/contact-center-components';
export * from './lib/genesys';
export * from './lib/amazon-connect';
export * from './lib/push-batch';
