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

/* Corrective actions and adherence exceptions (migration 1795960000001-actions). */

@Entity('corrective_actions')
export class CorrectiveActionEntity {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' }) id!: string;
  @Column('uuid', { nullable: true }) alertId!: string | null;
  @Column('text') kpi!: string;
  @Column('text') scope!: string;
  @Column('text') causeCode!: string;
  @Column('text') description!: string;
  @Column('text') owner!: string;
  @Column('text') createdBy!: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz') effectiveAt!: Date;
  @Column('timestamptz') dueAt!: Date;
  @Column('text', { default: 'open' }) status!: string;
  @Column('timestamptz', { nullable: true }) closedAt!: Date | null;
}

@Entity('adherence_exceptions')
export class AdherenceExceptionEntity {
  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' }) id!: string;
  @Column('text') agentId!: string;
  @Column('text') requestedBy!: string;
  @Column('timestamptz') startAt!: Date;
  @Column('timestamptz') endAt!: Date;
  @Column('text') causeCode!: string;
  @Column('text', { default: '' }) note!: string;
  @Column('text', { default: 'pending' }) status!: string;
  @Column('text', { nullable: true }) decidedBy!: string | null;
  @Column('text', { nullable: true }) decisionNote!: string | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { nullable: true }) decidedAt!: Date | null;
}
