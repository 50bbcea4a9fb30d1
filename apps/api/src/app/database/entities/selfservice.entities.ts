import { Column, Entity, PrimaryColumn } from 'typeorm';

/*
 * selfservice.md §2. Sessions of every source share one key space (`ctr:<ContactId>` for Connect,
 * the feed's own sessionId otherwise). The stored copy is the one with the greatest
 * (version_ms, line_number, content_hash), so copies may arrive in any order.
 */
@Entity('selfservice_sessions')
export class SelfServiceSessionEntity {
  @PrimaryColumn('text') sessionId!: string;
  @Column('text') source!: string;
  @Column('text', { nullable: true }) customerKey!: string | null;
  @Column('text') channel!: string;
  /** Raw DNIS / flow / URL; mapped to an entry point (and site) when read, so the org may come later. */
  @Column('text') entryPoint!: string;
  @Column('timestamptz') startedAt!: Date;
  @Column('timestamptz', { nullable: true }) endedAt!: Date | null;
  @Column('text', { nullable: true }) outcome!: string | null;
  @Column('text', { nullable: true }) intent!: string | null;
  @Column('text', { nullable: true }) lastNode!: string | null;
  @Column('boolean', { nullable: true }) idAttempted!: boolean | null;
  @Column('boolean', { nullable: true }) idPassed!: boolean | null;
  @Column('text', { nullable: true }) transferredContactId!: string | null;
  @Column('boolean', { default: false }) reasonMissing!: boolean;
  /** Connect, not queued, no agent: a CALLBACK link (selfservice_links) overrides the outcome. */
  @Column('boolean', { default: false }) linkable!: boolean;
  /** True containment (session-rollup-sql.ts): a contained session's repeat within W, kept by the rollup's SQL, never by the writer. */
  @Column('boolean', { nullable: true }) repeated!: boolean | null;
  /** updatedAt / endedAt / LastUpdateTimestamp in epoch ms; an open or unversioned copy is lowest. */
  @Column('double precision') versionMs!: number;
  @Column('integer') lineNumber!: number;
  @Column('text') contentHash!: string;
  @Column('timestamptz', { default: () => 'now()' }) ingestedAt!: Date;
}

/** Connect CALLBACK CTR → the session it names as PreviousContactId. */
@Entity('selfservice_links')
export class SelfServiceLinkEntity {
  @PrimaryColumn('text') sessionId!: string;
  @Column('text') contactId!: string;
}

@Entity('entry_points')
export class EntryPointEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') name!: string;
  @Column('text') siteId!: string;
  /** JSON array of aliases (DNIS numbers, flow names, URLs). */
  @Column('text', { default: '[]' }) aliases!: string;
}
