import { Initial1795618780766 } from './1795618780766-initial';
import { FcrRollup1795700000000 } from './1795700000000-fcr-rollup';
import { IngestKeys1795750000000 } from './1795750000000-ingest-keys';
import { DailyRollups1795810000000 } from './1795810000000-daily-rollups';
import { PartitionRawByDay1795820000000 } from './1795820000000-partition-raw-by-day';
import { SurveyDayRollup1795830000000 } from './1795830000000-survey-day-rollup';
import { SiteContactRollup1795840000000 } from './1795840000000-site-contact-rollup';
import { QueueLogLines1795900000000 } from './1795900000000-queue-log-lines';
import { ContactDirection1795910000000 } from './1795910000000-contact-direction';
import { RevocableUsers1795920000000 } from './1795920000000-revocable-users';
import { FeedHealth1795930000000 } from './1795930000000-feed-health';
import { CustomerSurveys1795950000000 } from './1795950000000-customer-surveys';
import { HotlineCases1795950000001 } from './1795950000001-hotline-cases';
import { Alerts1795960000000 } from './1795960000000-alerts';
import { Actions1795960000001 } from './1795960000001-actions';
import { SelfServiceSessions1795970000000 } from './1795970000000-selfservice-sessions';
import { SurveyAttributedDays1795981000000 } from './1795981000000-survey-attributed-days';
import { EffortRollup1795982000000 } from './1795982000000-effort-rollup';
import { AlertInstanceDedup1795983000000 } from './1795983000000-alert-instance-dedup';
import { SessionRollup1795990000000 } from './1795990000000-session-rollup';
import { SurveyLocalDays1796010000000 } from './1796010000000-survey-local-days';
import { SessionDayRollup1796020000000 } from './1796020000000-session-day-rollup';
import { QueueLogBlocks1796030000000 } from './1796030000000-queue-log-blocks';
import { LeanIngestWrites1796040000000 } from './1796040000000-lean-ingest-writes';

/** Explicit, ordered list (no globs: the runner loads TypeScript sources directly). Append new ones. */
export const MIGRATIONS = [Initial1795618780766, FcrRollup1795700000000, IngestKeys1795750000000, DailyRollups1795810000000, PartitionRawByDay1795820000000, SurveyDayRollup1795830000000, SiteContactRollup1795840000000, QueueLogLines1795900000000, ContactDirection1795910000000, RevocableUsers1795920000000, FeedHealth1795930000000, CustomerSurveys1795950000000, HotlineCases1795950000001, Alerts1795960000000, Actions1795960000001, SelfServiceSessions1795970000000, SurveyAttributedDays1795981000000, EffortRollup1795982000000, AlertInstanceDedup1795983000000, SessionRollup1795990000000, SurveyLocalDays1796010000000, SessionDayRollup1796020000000, QueueLogBlocks1796030000000, LeanIngestWrites1796040000000];
export { TABLES_IN_DROP_ORDER } from './1795618780766-initial';
