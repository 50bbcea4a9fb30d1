import { Column, Entity, PrimaryColumn } from 'typeorm';

/* Alert rules and instances (migration 1795960000000-alerts). */

@Entity('alert_rules')
export class AlertRuleEntity {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' }) id!: string;
  @Column('text') name!: string;
  @Column('text') kpi!: string;
  @Column('text') scope!: string;
  @Column('text', { nullable: true }) each!: string | null;
  @Column('jsonb') condition!: unknown;
  @Column('jsonb') window!: unknown;
  @Column('integer', { default: 10 }) sustainMinutes!: number;
  @Column('integer', { default: 15 }) clearMinutes!: number;
  @Column('jsonb') audience!: unknown;
  @Column('boolean', { default: true }) enabled!: boolean;
  @Column('text') createdBy!: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
}

@Entity('alert_instances')
export class AlertInstanceEntity {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' }) id!: string;
  @Column('uuid') ruleId!: string;
  @Column('text') kpi!: string;
  @Column('text') scope!: string;
  @Column('timestamptz') openedAt!: Date;
  @Column('double precision', { nullable: true }) valueAtOpen!: number | null;
  @Column('double precision', { nullable: true }) lastValue!: number | null;
  @Column('text', { default: 'open' }) status!: string;
  @Column('text', { nullable: true }) acknowledgedBy!: string | null;
  @Column('timestamptz', { nullable: true }) acknowledgedAt!: Date | null;
  @Column('text', { nullable: true }) resolvedBy!: string | null;
  @Column('timestamptz', { nullable: true }) resolvedAt!: Date | null;
  @Column('text', { nullable: true }) note!: string | null;
}

@Entity('alert_eval_state')
export class AlertEvalStateEntity {
  @PrimaryColumn('uuid') ruleId!: string;
  @PrimaryColumn('text') scope!: string;
  @Column('timestamptz', { nullable: true }) breachSince!: Date | null;
  @Column('timestamptz', { nullable: true }) clearSince!: Date | null;
  @Column('timestamptz', { nullable: true }) lastResolvedAt!: Date | null;
}
