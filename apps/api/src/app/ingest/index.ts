/* Public API of ingest, for the CLI, the live gateway and the bench. */
export { IngestModule } from './ingest.module';
export { IngestService, IngestInputError, IngestInterruptedError, isFeedFormat, type IngestOptions } from './ingest.service';
export { IngestEvents, type IngestEvent } from './ingest-events';
export { QuarantineService, INCOMPLETE_AFTER_SECONDS, type UnmappedOrg } from './quarantine.service';
export { hashCustomerKey, customerKeySalt, CUSTOMER_KEY_SALT_SETTING } from './customer-key';
