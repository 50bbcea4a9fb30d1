import type { RecordStore } from '../database/record-store';
import type { StoredContact, StoredSurvey } from '../database/record-types';
import { SurveyAttributor } from './attribution/survey-attribution';
import { HotlineRaiser } from './hotline/hotline-raiser';

/**
 * What ingest.service calls for customer.md, in each batch's transaction: (re)attribute the
 * responses the batch can change, then raise HOTLINE cases for new matching responses and re-route
 * open ones whose attribution moved. `flush` after the commit pushes the cases live.
 */
export class CustomerIngestHook {
  readonly attribution = new SurveyAttributor();
  readonly hotline = new HotlineRaiser();

  async afterWrite(tx: RecordStore, contacts: readonly StoredContact[], surveys: readonly StoredSurvey[], raiseCases: boolean, deferRollups = false): Promise<void> {
    const changes = await this.attribution.afterWrite(tx, contacts, surveys, deferRollups);
    await this.hotline.afterAttribution(tx, changes, raiseCases);
  }

  flush(): void {
    this.hotline.flush();
  }

  discard(): void {
    this.hotline.discard();
  }
}
