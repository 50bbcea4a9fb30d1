import { AgentAliasEntity, AgentEntity, QueueAliasEntity, QueueEntity, SiteEntity, TeamEntity, UserEntity } from './org.entities';
import {
  AgentStateEventEntity,
  ContactEntity,
  ForecastIntervalEntity,
  ScheduleSegmentEntity,
  SurveyResponseEntity,
} from './record.entities';
import {
  FeedLineEntity,
  FeedStateEntity,
  MessageEntity,
  MessageReadEntity,
  QuarantineEntity,
  ScheduleChangeRequestEntity,
  SettingEntity,
  TargetAuditEntity,
  TargetEntity,
} from './app.entities';
import {
  RollupAgentTime15mEntity,
  RollupAgentTimeDayEntity,
  RollupContacts15mEntity,
  RollupContactsDayEntity,
  RollupContactsSite15mEntity,
  RollupSurveysDayEntity,
  RollupSurveysLocalDayEntity,
  RollupSurveysSiteDayEntity,
} from './rollup.entities';
import { AdherenceExceptionEntity, AlertEvalStateEntity, AlertInstanceEntity, AlertRuleEntity, CorrectiveActionEntity } from './alert.entities';
import { FeedHealthEntity, FeedHealthMinuteEntity } from './feed-health.entities';
import { EntryPointEntity, SelfServiceLinkEntity, SelfServiceSessionEntity } from './selfservice.entities';

export * from './org.entities';
export * from './record.entities';
export * from './app.entities';
export * from './rollup.entities';
export * from './alert.entities';
export * from './feed-health.entities';
export * from './selfservice.entities';

/** Every entity, registered on the DataSource (explicit list, no globs). */
export const ENTITIES = [
  SiteEntity,
  TeamEntity,
  AgentEntity,
  AgentAliasEntity,
  QueueEntity,
  QueueAliasEntity,
  UserEntity,
  ContactEntity,
  AgentStateEventEntity,
  ScheduleSegmentEntity,
  ForecastIntervalEntity,
  SurveyResponseEntity,
  QuarantineEntity,
  FeedLineEntity,
  FeedStateEntity,
  SettingEntity,
  TargetEntity,
  TargetAuditEntity,
  MessageEntity,
  MessageReadEntity,
  ScheduleChangeRequestEntity,
  RollupContacts15mEntity,
  RollupAgentTime15mEntity,
  RollupContactsDayEntity,
  RollupAgentTimeDayEntity,
  RollupSurveysDayEntity,
  RollupSurveysLocalDayEntity,
  RollupSurveysSiteDayEntity,
  RollupContactsSite15mEntity,
  AlertRuleEntity,
  AlertInstanceEntity,
  AlertEvalStateEntity,
  CorrectiveActionEntity,
  AdherenceExceptionEntity,
  FeedHealthEntity,
  FeedHealthMinuteEntity,
  SelfServiceSessionEntity,
  SelfServiceLinkEntity,
  EntryPointEntity,
];
