import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Channel, Role } from '@floorwatch/contracts';

@Entity('sites')
export class SiteEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') name!: string;
  /** IANA time zone, e.g. Europe/London. */
  @Column('text', { default: 'UTC' }) timezone!: string;
}

@Entity('teams')
export class TeamEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') name!: string;
  @Column('text') siteId!: string;
  @Column('text', { nullable: true }) leaderUserId!: string | null;
}

@Entity('agents')
export class AgentEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) teamId!: string | null;
  @Column('text') siteId!: string;
  /** YYYY-MM-DD; dates come back as strings (see openDatabase). */
  @Column('date', { nullable: true }) hireDate!: string | null;
}

@Entity('agent_aliases')
export class AgentAliasEntity {
  @PrimaryColumn('text') alias!: string;
  @Column('text') agentId!: string;
}

@Entity('queues')
export class QueueEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') name!: string;
  @Column('text') siteId!: string;
  @Column('text') channel!: Channel;
  @Column('integer', { nullable: true }) slSeconds!: number | null;
}

@Entity('queue_aliases')
export class QueueAliasEntity {
  @PrimaryColumn('text') alias!: string;
  @Column('text') queueId!: string;
}

@Entity('users')
export class UserEntity {
  @PrimaryColumn('text') username!: string;
  @Column('text') passwordHash!: string;
  @Column('text', { array: true, default: () => "'{}'" }) roles!: Role[];
  @Column('text', { nullable: true }) agentId!: string | null;
  @Column('text', { array: true, default: () => "'{}'" }) teamIds!: string[];
  @Column('text', { array: true, default: () => "'{}'" }) siteIds!: string[];
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt!: Date;
  /** Bumped by a password change, logout or disable: tokens of an older version are refused. */
  @Column('integer', { default: 0 }) tokenVersion!: number;
  @Column('boolean', { default: false }) disabled!: boolean;
  @Column('boolean', { default: false }) mustChangePassword!: boolean;
}
