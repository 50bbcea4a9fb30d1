import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Channel, ContactOutcome, Direction } from '@floorwatch/contracts';

/*
 * Raw normalised records. Hot paths (ingest, KPI reads) go through BulkWriter / RecordStore,
 * which speak epoch ms; these entities exist for ad-hoc repository use and documentation.
 */

@Entity('contacts')
export class ContactEntity {
  /** Feed the row came from (e.g. `queue_log`, `connect-ctr`); part of the natural key. */
  @PrimaryColumn('text') source!: string;
  /** Unique within source; RecordStore defaults it to `<contactId>#<segmentId>`. */
  @PrimaryColumn('text') naturalKey!: string;
  /** In the key so the table can be partitioned by day on enqueued_at. */
  @PrimaryColumn('timestamptz') enqueuedAt!: Date;
  @Column('text') contactId!: string;
  @Column('text') segmentId!: string;
  @Column('text') channel!: Channel;
  @Column('text') queueId!: string;
  @Column('text') reason!: string;
  @Column('text', { nullable: true }) agentId!: string | null;
  @Column('text', { nullable: true }) customerKey!: string | null;
  @Column('timestamptz', { nullable: true }) answeredAt!: Date | null;
  @Column('timestamptz') endedAt!: Date;
  @Column('double precision', { default: 0 }) waitSeconds!: number;
  @Column('double precision', { default: 0 }) talkSeconds!: number;
  @Column('double precision', { default: 0 }) holdSeconds!: number;
  @Column('double precision', { default: 0 }) acwSeconds!: number;
  @Column('text') outcome!: ContactOutcome;
  @Column('text', { nullable: true }) transferredTo!: string | null;
  @Column('text') siteId!: string;
  @Column('text', { nullable: true }) teamId!: string | null;
  /** Source's own version stamp (Connect LastUpdateTimestamp): the latest copy wins. */
  @Column('timestamptz', { nullable: true }) sourceUpdatedAt!: Date | null;
  @Column('timestamptz', { default: () => 'now()' }) ingestedAt!: Date;
  /** First repeat of this FCR subject (rollup/fcr-repeats.ts keeps it); null = none so far. */
  @Column('timestamptz', { nullable: true }) repeatEnqueuedAt!: Date | null;
  @Column('text', { nullable: true }) repeatChannel!: Channel | null;
  /** selfservice.md §1: inbound, outbound, callback, transfer or api. */
  @Column('text', { default: 'inbound' }) direction!: Direction;
  /** Entered a queue; only queued inbound/api contacts are offered. */
  @Column('boolean', { default: true }) queued!: boolean;
  /** Left the queue on request (queue_log EXITWITHKEY). */
  @Column('boolean', { default: false }) exitedByKey!: boolean;
  /** selfservice.md §4: agent, customer or system; null when the feed does not say. */
  @Column('text', { nullable: true }) endedBy!: string | null;
}

@Entity('agent_state_events')
export class AgentStateEventEntity {
  @PrimaryColumn('text') agentId!: string;
  @PrimaryColumn('timestamptz') at!: Date;
  @PrimaryColumn('text') state!: string;
  /** Orders events with the same timestamp (file order); higher applies later. */
  @Column('integer', { default: 0 }) seq!: number;
  @Column('text') source!: string;
  @Column('timestamptz', { default: () => 'now()' }) ingestedAt!: Date;
}

@Entity('schedule_segments')
export class ScheduleSegmentEntity {
  @PrimaryColumn('text') agentId!: string;
  @PrimaryColumn('timestamptz') startAt!: Date;
  @PrimaryColumn('text') activity!: string;
  @Column('timestamptz') endAt!: Date;
  @Column('text') source!: string;
}

@Entity('forecast_intervals')
export class ForecastIntervalEntity {
  @PrimaryColumn('text') siteId!: string;
  @PrimaryColumn('text') queueId!: string;
  @PrimaryColumn('timestamptz') intervalStart!: Date;
  @Column('double precision') volume!: number;
  @Column('double precision') ahtSeconds!: number;
  @Column('double precision', { nullable: true }) requiredAgents!: number | null;
  @Column('text') source!: string;
}

@Entity('survey_responses')
export class SurveyResponseEntity {
  @PrimaryColumn('text') naturalKey!: string;
  @Column('text') source!: string;
  @Column('text', { nullable: true }) customerKey!: string | null;
  @Column('timestamptz') respondedAt!: Date;
  @Column('text') mainChannel!: string;
  @Column('text') channelChain!: string;
  @Column('double precision', { nullable: true }) q1!: number | null;
  @Column('double precision', { nullable: true }) q2!: number | null;
  @Column('double precision', { nullable: true }) q3!: number | null;
  @Column('double precision', { nullable: true }) q4!: number | null;
  @Column('double precision', { nullable: true }) q5!: number | null;
  @Column('double precision', { nullable: true }) csat!: number | null;
  @Column('double precision', { nullable: true }) nps!: number | null;
  @Column('double precision', { default: 1 }) scaleMin!: number;
  @Column('double precision', { default: 7 }) scaleMax!: number;
  // customer.md (migration CustomerSurveys1795950000000): feed columns, responseId, attribution
  @Column('text', { nullable: true }) contactId!: string | null;
  @Column('text', { nullable: true }) comment!: string | null;
  @Column('double precision', { nullable: true }) trust!: number | null;
  @Column('double precision', { nullable: true }) repurchase!: number | null;
  @Column('double precision', { nullable: true }) productSat!: number | null;
  @Column('double precision', { nullable: true }) valueForMoney!: number | null;
  @Column('text', { nullable: true }) responseId!: string | null;
  @Column('text', { nullable: true }) attributedBy!: string | null;
  @Column('text', { nullable: true }) attrSegmentId!: string | null;
  @Column('text', { nullable: true }) attrContactId!: string | null;
  @Column('text', { nullable: true }) agentId!: string | null;
  @Column('text', { nullable: true }) teamId!: string | null;
  @Column('text', { nullable: true }) queueId!: string | null;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('text', { nullable: true }) channel!: string | null;
  @Column('text', { nullable: true }) siteId!: string | null;
}
