import { Column, Entity, PrimaryColumn } from 'typeorm';

/*
 * Additive rollups, maintained incrementally by the ingest (a late event re-computes only the
 * intervals it touches). Key columns use '' for "none" (no team, no agent, no aux reason).
 * Contact counters are attributed to the interval of the timestamp their KPI counts by:
 * offered/answered/abandoned/blocked/SL/wait by enqueuedAt, handled/talk/hold/acw by endedAt.
 * Daily rollups have no agent/team key and are keyed by (day_zone, site, day): the day counted in
 * UTC or in the site's own IANA zone (migration DailyRollups1795810000000).
 */

abstract class ContactCounters {
  @Column('integer', { default: 0 }) offered!: number;
  @Column('integer', { default: 0 }) answered!: number;
  @Column('integer', { default: 0 }) answeredInSl!: number;
  @Column('integer', { default: 0 }) abandoned!: number;
  @Column('integer', { default: 0 }) shortAbandoned!: number;
  @Column('integer', { default: 0 }) blocked!: number;
  @Column('double precision', { default: 0 }) waitAnsweredSeconds!: number;
  @Column('integer', { default: 0 }) handled!: number;
  @Column('double precision', { default: 0 }) talkSeconds!: number;
  @Column('double precision', { default: 0 }) holdSeconds!: number;
  @Column('double precision', { default: 0 }) acwSeconds!: number;
  /** FCR by the subject's endedAt (migration FcrRollup1795700000000); eligibility is decided at read time. */
  @Column('integer', { default: 0 }) fcrSubjects!: number;
  @Column('integer', { default: 0 }) fcrNotRepeated!: number;
  @Column('integer', { default: 0 }) fcrCrossChannel!: number;
  @Column('integer', { default: 0 }) fcrUnknown!: number;
  /** Handled segments of outbound contacts (migration ContactDirection1795910000000). */
  @Column('integer', { default: 0 }) outboundHandled!: number;
  /** Queued inbound contacts that left the queue on request, by enqueuedAt (same migration). */
  @Column('integer', { default: 0 }) exitedByKey!: number;
  /** selfservice.md §4 effort counters of handled segments (migration EffortRollup1795982000000). */
  @Column('integer', { default: 0 }) transferredHandled!: number;
  @Column('integer', { default: 0 }) shortHandled!: number;
  @Column('integer', { default: 0 }) voiceEndedKnown!: number;
  @Column('integer', { default: 0 }) voiceEndedAgent!: number;
  @Column('integer', { default: 0 }) shareHandled!: number;
}

abstract class ContactRollupKey extends ContactCounters {
  @PrimaryColumn('text') siteId!: string;
  @PrimaryColumn('text') queueId!: string;
  @PrimaryColumn('text', { default: '' }) teamId!: string;
  @PrimaryColumn('text', { default: '' }) agentId!: string;
  @PrimaryColumn('text') reason!: string;
  @PrimaryColumn('text') channel!: string;
}

@Entity('rollup_contacts_15m')
export class RollupContacts15mEntity extends ContactRollupKey {
  @PrimaryColumn('timestamptz') intervalStart!: Date;
}

/** rollup_contacts_15m summed over agents and teams (migration SiteContactRollup1795840000000). */
@Entity('rollup_contacts_site_15m')
export class RollupContactsSite15mEntity extends ContactCounters {
  @PrimaryColumn('timestamptz') intervalStart!: Date;
  @PrimaryColumn('text') siteId!: string;
  @PrimaryColumn('text') queueId!: string;
  @PrimaryColumn('text') reason!: string;
  @PrimaryColumn('text') channel!: string;
}

@Entity('rollup_contacts_day')
export class RollupContactsDayEntity extends ContactCounters {
  /** 'UTC' or the site's IANA zone: the zone `day` is counted in. */
  @PrimaryColumn('text') dayZone!: string;
  @PrimaryColumn('text') siteId!: string;
  /** YYYY-MM-DD in day_zone. */
  @PrimaryColumn('date') day!: string;
  @PrimaryColumn('text') queueId!: string;
  @PrimaryColumn('text') reason!: string;
  @PrimaryColumn('text') channel!: string;
}

/** Seconds per agent and interval; aux time is split by reason through the aux_reason key. */
abstract class AgentTimeSeconds {
  @Column('double precision', { default: 0 }) loggedInSeconds!: number;
  @Column('double precision', { default: 0 }) availableSeconds!: number;
  @Column('double precision', { default: 0 }) auxSeconds!: number;
  @Column('double precision', { default: 0 }) onContactSeconds!: number;
  @Column('double precision', { default: 0 }) acwSeconds!: number;
  @Column('double precision', { default: 0 }) scheduledSeconds!: number;
  @Column('double precision', { default: 0 }) inAdherenceSeconds!: number;
  @Column('double precision', { default: 0 }) scheduledOpenSeconds!: number;
  @Column('double precision', { default: 0 }) productiveSeconds!: number;
  @Column('double precision', { default: 0 }) productiveInOpenSeconds!: number;
  @Column('double precision', { default: 0 }) paidSeconds!: number;
  @Column('double precision', { default: 0 }) plannedPaidSeconds!: number;
  @Column('double precision', { default: 0 }) unplannedAbsenceSeconds!: number;
}

abstract class AgentTimeCounters extends AgentTimeSeconds {
  @PrimaryColumn('text') agentId!: string;
  @PrimaryColumn('text', { default: '' }) auxReason!: string;
  @Column('text', { default: '' }) teamId!: string;
  @Column('text') siteId!: string;
}

@Entity('rollup_agent_time_15m')
export class RollupAgentTime15mEntity extends AgentTimeCounters {
  @PrimaryColumn('timestamptz') intervalStart!: Date;
}

/** Agent time summed over the agents of a site (their site when the row was built). */
@Entity('rollup_agent_time_day')
export class RollupAgentTimeDayEntity extends AgentTimeSeconds {
  @PrimaryColumn('text') dayZone!: string;
  @PrimaryColumn('text') siteId!: string;
  @PrimaryColumn('date') day!: string;
  @PrimaryColumn('text', { default: '' }) auxReason!: string;
}

/** The survey components every survey rollup sums (rollup/survey-rollup-sql.ts), one set of columns for the three tables. */
abstract class SurveySums {
  @Column('integer', { default: 0 }) surveyN!: number;
  @Column('integer', { default: 0 }) attributedN!: number;
  @Column('integer', { default: 0 }) csatN!: number;
  @Column('double precision', { default: 0 }) csatSum!: number;
  @Column('integer', { default: 0 }) csatTop!: number;
  @Column('integer', { default: 0 }) npsN!: number;
  @Column('integer', { default: 0 }) promoters!: number;
  @Column('integer', { default: 0 }) passives!: number;
  @Column('integer', { default: 0 }) detractors!: number;
  /** Responses with at least 3 answered items, and those with fewer (excluded). */
  @Column('integer', { default: 0 }) responses!: number;
  @Column('integer', { default: 0 }) excluded!: number;
  @Column('double precision', { default: 0 }) scoreSum!: number;
  @Column('double precision', { default: 0 }) q1Sum!: number;
  @Column('integer', { default: 0 }) q1N!: number;
  @Column('double precision', { default: 0 }) q2Sum!: number;
  @Column('integer', { default: 0 }) q2N!: number;
  @Column('double precision', { default: 0 }) q3Sum!: number;
  @Column('integer', { default: 0 }) q3N!: number;
  @Column('double precision', { default: 0 }) q4Sum!: number;
  @Column('integer', { default: 0 }) q4N!: number;
  @Column('double precision', { default: 0 }) q5Sum!: number;
  @Column('integer', { default: 0 }) q5N!: number;
}

/**
 * Survey components per UTC day × chain × attribution (migrations SurveyDayRollup1795830000000,
 * SurveyAttributedDays1795981000000; '' = the response lacks that dimension).
 */
@Entity('rollup_surveys_day')
export class RollupSurveysDayEntity extends SurveySums {
  @PrimaryColumn('date') day!: string;
  @PrimaryColumn('text') mainChannel!: string;
  @PrimaryColumn('text') channelChain!: string;
  @PrimaryColumn('text', { default: '' }) siteId!: string;
  @PrimaryColumn('text', { default: '' }) teamId!: string;
  @PrimaryColumn('text', { default: '' }) agentId!: string;
  @PrimaryColumn('text', { default: '' }) queueId!: string;
  @PrimaryColumn('text', { default: '' }) reason!: string;
  @PrimaryColumn('text', { default: '' }) channel!: string;
}

/**
 * Survey components per local day (the attributed site's clock, UTC when unattributed) × site ×
 * team × agent (migration SurveyLocalDays1796010000000; rollup/survey-local-rollup.ts).
 */
@Entity('rollup_surveys_local_day')
export class RollupSurveysLocalDayEntity extends SurveySums {
  @PrimaryColumn('date') day!: string;
  @PrimaryColumn('text', { default: '' }) siteId!: string;
  @PrimaryColumn('text', { default: '' }) teamId!: string;
  @PrimaryColumn('text', { default: '' }) agentId!: string;
}

/** Sites' survey totals per local day (clock 'local') and per UTC day (clock 'utc'), same migration. */
@Entity('rollup_surveys_site_day')
export class RollupSurveysSiteDayEntity extends SurveySums {
  @PrimaryColumn('text') clock!: string;
  @PrimaryColumn('date') day!: string;
  @PrimaryColumn('text', { default: '' }) siteId!: string;
}
