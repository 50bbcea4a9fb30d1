import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per feed source and UTC day (migration FeedHealth1795930000000; apps/api/src/app/feeds-health/). */
@Entity('feed_health')
export class FeedHealthEntity {
  @PrimaryColumn('text') source!: string;
  @PrimaryColumn('text') format!: string;
  @PrimaryColumn('date') day!: string;
  @Column('integer', { default: 0 }) lines!: number;
  @Column('integer', { default: 0 }) records!: number;
  @Column('integer', { default: 0 }) accepted!: number;
  @Column('integer', { default: 0 }) duplicates!: number;
  @Column('integer', { default: 0 }) quarantined!: number;
  @Column('timestamptz', { nullable: true }) lastLineAt!: Date | null;
  @Column('timestamptz', { nullable: true }) lastRecordAt!: Date | null;
  @Column('text', { nullable: true }) followerState!: string | null;
  @Column('timestamptz', { nullable: true }) followerAt!: Date | null;
}

/** Lines per source and minute, for the feed's rate. */
@Entity('feed_health_minutes')
export class FeedHealthMinuteEntity {
  @PrimaryColumn('text') source!: string;
  @PrimaryColumn('text') format!: string;
  @PrimaryColumn('timestamptz') minute!: Date;
  @Column('integer') lines!: number;
}
