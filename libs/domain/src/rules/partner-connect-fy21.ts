import { RENEWAL_NOTICE_DEFAULT_DAYS, type Ruleset } from './ruleset';

/** The default ruleset: exactly docs/programme-rules.md §2–§7 (programme fee off: its amount is "TBD"). */
export const PARTNER_CONNECT_FY21: Ruleset = {
  id: 'partner-connect-fy21',
  effectiveFrom: '2020-02-01',
  creditWindowDays: 365,
  renewalNoticeDays: RENEWAL_NOTICE_DEFAULT_DAYS,
  thresholds: { advanced: 50_000, principal: 1_000_000 },
  requirements: [
    { id: 'agreement', kind: 'agreement' },
    { id: 'vsp-foundation', kind: 'training', courseId: 'vsp-foundation', learners: 2 },
    { id: 'ethics-compliance', kind: 'training', courseId: 'ethics-compliance', learners: 1 },
    { id: 'due-diligence', kind: 'due-diligence' },
    { id: 'vop-cp', kind: 'training', courseId: 'vop-cp', learners: 1, forBusinessModel: 'cloud-services' },
    { id: 'vop-se', kind: 'training', courseId: 'vop-se', learners: 1, forBusinessModel: 'subscription-software' },
  ],
  areas: {
    'data-center-virtualization': {
      priority: 'hybrid-cloud',
      msc: 'data-center-virtualization',
      principalCompetencies: ['server-virtualization', 'hci'],
      partnerCompetencies: ['server-virtualization', 'hci', 'business-continuity'],
    },
    'cloud-management-automation': {
      priority: 'hybrid-cloud',
      msc: 'cloud-management-automation',
      principalCompetencies: ['management-automation', 'operations-management'],
      partnerCompetencies: ['management-automation', 'operations-management'],
    },
    'vmc-on-aws': {
      priority: 'hybrid-cloud',
      msc: 'vmc-on-aws',
      principalCompetencies: ['vmc-on-aws'],
      partnerCompetencies: ['vmc-on-aws'],
    },
    'cloud-provider': {
      priority: 'hybrid-cloud',
      msc: 'cloud-provider',
      principalCompetencies: ['cloud-provider'],
      partnerCompetencies: ['cloud-provider'],
    },
    'modern-applications': {
      priority: 'modern-applications',
      msc: 'modern-applications',
      principalCompetencies: [],
      partnerCompetencies: ['pks'],
    },
    'network-security': {
      priority: 'network-and-security-transformation',
      msc: 'network-virtualization',
      principalCompetencies: ['network-virtualization'],
      partnerCompetencies: ['network-virtualization', 'sd-wan'],
    },
    'digital-workspace': {
      priority: 'digital-workspace',
      msc: 'digital-workspace',
      principalCompetencies: ['desktop-virtualization', 'mobility-management'],
      partnerCompetencies: ['desktop-virtualization', 'mobility-management'],
    },
  },
};
