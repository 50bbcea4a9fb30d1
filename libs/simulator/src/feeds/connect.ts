import type { AgentState, AgentStateEvent, Contact } from '@floorwatch/contracts';
import { connectQueueArn, type SimAgent } from '../lib/org';
import { iso } from './line-writer';

const INSTANCE = 'arn:aws:connect:ap-southeast-1:123456789012:instance/5f1c0a9e-demo';
const CHANNEL: Record<string, string> = { voice: 'VOICE', chat: 'CHAT', email: 'EMAIL' };

/** One Amazon Connect contact trace record (one agent leg; no transfers in the demo world). */
export function ctrObject(c: Contact, agent: SimAgent | undefined): Record<string, unknown> {
  const dequeued = c.answeredAt ?? c.endedAt;
  const acwEnd = c.endedAt + c.acwSeconds * 1000;
  return {
    AWSAccountId: '123456789012',
    InstanceARN: INSTANCE,
    ContactId: c.contactId,
    InitialContactId: c.contactId,
    PreviousContactId: null,
    Channel: CHANNEL[c.channel] ?? 'TASK',
    InitiationMethod: 'INBOUND',
    InitiationTimestamp: iso(c.enqueuedAt - 20_000),
    DisconnectTimestamp: iso(c.endedAt),
    LastUpdateTimestamp: iso(Math.max(acwEnd, c.endedAt) + 30_000),
    Queue: { Name: c.queueId, ARN: connectQueueArn(c.queueId), EnqueueTimestamp: iso(c.enqueuedAt), DequeueTimestamp: iso(dequeued), Duration: c.waitSeconds },
    Agent:
      agent && c.answeredAt !== null
        ? {
            Username: agent.connectUser,
            ARN: agent.connectArn,
            ConnectedToAgentTimestamp: iso(c.answeredAt),
            AgentInteractionDuration: c.talkSeconds,
            CustomerHoldDuration: c.holdSeconds,
            AfterContactWorkDuration: c.acwSeconds,
            AfterContactWorkStartTimestamp: iso(c.endedAt),
            AfterContactWorkEndTimestamp: iso(acwEnd),
          }
        : null,
    CustomerEndpoint: c.customerKey ? { Type: 'TELEPHONE_NUMBER', Address: c.customerKey } : null,
    // The contact flow tags the call type; the parser reads it as the reason (= queue id here, as at every site).
    Attributes: { callType: c.reason },
  };
}

function status(state: AgentState): { Name: string; Type: string } {
  if (state === 'logged_out') return { Name: 'Offline', Type: 'OFFLINE' };
  if (state.startsWith('aux:')) return { Name: state[4].toUpperCase() + state.slice(5), Type: 'CUSTOM' };
  return { Name: 'Available', Type: 'ROUTABLE' };
}

/**
 * One agent event stream record. On a contact the status stays Available and the snapshot's
 * contact is CONNECTED (→ on_contact), then ENDED during after-contact work (→ acw).
 */
export function agentEventObject(e: AgentStateEvent, before: AgentState, agent: SimAgent, contact: Contact | undefined, n: number): Record<string, unknown> {
  const type = e.state === 'logged_out' ? 'LOGOUT' : before === 'logged_out' ? 'LOGIN' : 'STATE_CHANGE';
  const contacts =
    contact && (e.state === 'on_contact' || e.state === 'acw')
      ? [
          {
            ContactId: contact.contactId,
            Channel: CHANNEL[contact.channel] ?? 'TASK',
            InitiationMethod: 'INBOUND',
            State: e.state === 'on_contact' ? 'CONNECTED' : 'ENDED',
            StateStartTimestamp: iso(e.at),
            Queue: { Name: contact.queueId },
          },
        ]
      : [];
  return {
    AgentARN: agent.connectArn,
    EventId: `${agent.extension}-${n}`,
    EventTimestamp: iso(e.at),
    EventType: type,
    Version: '2019-05-25',
    CurrentAgentSnapshot: {
      AgentStatus: { ...status(e.state), StartTimestamp: iso(e.at) },
      Configuration: { Username: agent.connectUser },
      Contacts: contacts,
    },
  };
}
