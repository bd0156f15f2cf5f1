import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** An instant stored as `timestamptz`: read as a Date, written as a Date or an ISO string. */
type Instant = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A calendar day stored as `date`, read and written as `YYYY-MM-DD` (never as a Date: no time zone games). */
type CalendarDay = string;

export type SchoolKind = 'college' | 'lycee';
export type Level = '3e' | '2de';
export type StaffRole = 'head' | 'secretary';
export type AccountRole = 'representative' | 'pupil' | 'staff' | 'academy_admin';

export interface AcademyTable {
  id: Generated<number>;
  name: string;
  time_zone: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SchoolTable {
  id: Generated<number>;
  academy_id: number;
  uai: string;
  name: string;
  kind: SchoolKind;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface DivisionTable {
  id: Generated<number>;
  school_id: number;
  school_year: number;
  name: string;
  level: Level;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PupilTable {
  id: Generated<number>;
  school_id: number;
  division_id: number;
  ine: string | null;
  last_name: string;
  first_name: string;
  birth_date: CalendarDay | null;
  is_adult: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RepresentativeTable {
  id: Generated<number>;
  last_name: string;
  first_name: string;
  email: string | null;
  phone: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PupilRepresentativeTable {
  pupil_id: number;
  representative_id: number;
  position: 1 | 2;
  created_at: CreatedAt;
}

export interface StaffTable {
  id: Generated<number>;
  school_id: number;
  role: StaffRole;
  last_name: string;
  first_name: string;
  email: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AcademyAdminTable {
  id: Generated<number>;
  academy_id: number;
  last_name: string;
  first_name: string;
  email: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UserAccountTable {
  id: Generated<number>;
  login: string;
  password_hash: string | null;
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  role: AccountRole;
  representative_id: number | null;
  pupil_id: number | null;
  staff_id: number | null;
  academy_admin_id: number | null;
  password_changed_at: Instant | null;
  last_login_at: Instant | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SessionTable {
  id: string;
  user_id: number;
  secret_hash: Uint8Array;
  created_at: CreatedAt;
  last_verified_at: Instant;
  /** The OpenID Connect provider this session was opened through (migration 0008), and its ID token for logout. */
  federation_provider: ColumnType<string | null, string | null | undefined, string | null>;
  id_token: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  first_failure_at: Instant;
  locked_until: Instant | null;
}

export type Phase = 'provisional' | 'final';
export type MemberKind = 'representative' | 'pupil';
type Json = ColumnType<unknown, string, string>;

export interface CampaignTable {
  id: Generated<number>;
  school_id: number;
  level: Level;
  school_year: number;
  intentions_opens_at: Instant | null;
  intentions_closes_at: Instant | null;
  acknowledgement_opens_at: Instant | null;
  acknowledgement_closes_at: Instant | null;
  choices_opens_at: Instant | null;
  choices_closes_at: Instant | null;
  response_opens_at: Instant | null;
  response_closes_at: Instant | null;
  second_representative: ColumnType<'presumed' | 'required' | 'none', 'presumed' | 'required' | 'none' | undefined>;
  pupil_access: ColumnType<boolean, boolean | undefined, boolean>;
  term_wording: ColumnType<'trimestre' | 'semestre', 'trimestre' | 'semestre' | undefined>;
  school_message: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CouncilDateTable {
  campaign_id: number;
  division_id: number;
  provisional_at: Instant | null;
  final_at: Instant | null;
}

export interface SchoolSpecialtyTable {
  school_id: number;
  specialty_code: string;
}

export interface PupilFileTable {
  id: Generated<number>;
  pupil_id: number;
  campaign_id: number;
  version: ColumnType<number, number | undefined, number>;
  provisional_status: ColumnType<string, string | undefined, string>;
  final_status: ColumnType<string, string | undefined, string>;
  accord_status: string | null;
  outcome_status: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface WishTable {
  file_id: number;
  phase: Phase;
  rank: number;
  track: string;
  details: Json;
}

export interface PhaseValidationTable {
  file_id: number;
  phase: Phase;
  author_kind: MemberKind | null;
  author_id: number | null;
  validated_at: Instant | null;
  closed_at: Instant | null;
}

export interface CouncilAnswerTable {
  file_id: number;
  phase: Phase;
  rank: number;
  answer: string;
}

export interface CouncilSummaryTable {
  file_id: number;
  phase: Phase;
  tracks: Json;
  motivations: string;
}

export interface PublicationTable {
  campaign_id: number;
  division_id: number;
  phase: Phase;
  published_at: Instant;
  published_by_staff_id: number | null;
}

export interface AcknowledgementTable {
  file_id: number;
  member_kind: MemberKind;
  member_id: number;
  acknowledged_at: Instant;
}

export interface FamilyResponseTable {
  file_id: number;
  kind: 'accepted' | 'refused';
  tracks: Json;
  member_kind: MemberKind | null;
  member_id: number | null;
  responded_at: Instant;
}

export interface AccordTable {
  file_id: number;
  member_kind: MemberKind | null;
  member_id: number | null;
  given_at: Instant | null;
}

export type OutcomeRecordKind = 'decision' | 'dialogue' | 'interview' | 'head_decision' | 'appeal' | 'commission_decision' | 'maintien';

export interface OutcomeRecordTable {
  file_id: number;
  kind: OutcomeRecordKind;
  occurred_at: Instant;
  tracks: Json | null;
  text: string | null;
  cause: string | null;
  deadline_at: Instant | null;
  lodged_at: Instant | null;
}

export interface HistoryTable {
  id: Generated<number>;
  pupil_id: number;
  file_id: number | null;
  occurred_at: Instant;
  actor_kind: 'representative' | 'pupil' | 'staff' | 'service' | 'academy_admin';
  actor_account_id: number | null;
  actor_name: string;
  actor_role: string;
  on_behalf_of: string | null;
  action: string;
  before: Json | null;
  after: Json | null;
}

export interface SchoolJournalTable {
  id: Generated<number>;
  school_id: number;
  occurred_at: Instant;
  actor_kind: 'staff' | 'service' | 'academy_admin';
  actor_account_id: number | null;
  actor_name: string;
  actor_role: string;
  action: string;
  detail: Generated<string>;
}

export interface ImportBatchTable {
  id: Generated<number>;
  school_id: number;
  staff_id: number;
  content: Uint8Array;
  created_at: CreatedAt;
}

export interface Database {
  academy: AcademyTable;
  school: SchoolTable;
  division: DivisionTable;
  pupil: PupilTable;
  representative: RepresentativeTable;
  pupil_representative: PupilRepresentativeTable;
  staff: StaffTable;
  academy_admin: AcademyAdminTable;
  user_account: UserAccountTable;
  session: SessionTable;
  login_throttle: LoginThrottleTable;
  campaign: CampaignTable;
  council_date: CouncilDateTable;
  school_specialty: SchoolSpecialtyTable;
  pupil_file: PupilFileTable;
  wish: WishTable;
  phase_validation: PhaseValidationTable;
  council_answer: CouncilAnswerTable;
  council_summary: CouncilSummaryTable;
  publication: PublicationTable;
  acknowledgement: AcknowledgementTable;
  family_response: FamilyResponseTable;
  accord: AccordTable;
  outcome_record: OutcomeRecordTable;
  history: HistoryTable;
  school_journal: SchoolJournalTable;
  import_batch: ImportBatchTable;
  wish_draft: WishDraftTable;
  mail_outbox: MailOutboxTable;
  mail_address_failure: MailAddressFailureTable;
  email_change: EmailChangeTable;
  account_challenge: AccountChallengeTable;
  federated_identity: FederatedIdentityTable;
  federation_login: FederationLoginTable;
}

/** A family member's list of wishes being edited (not yet validated): one per account, pupil and phase. */
export interface WishDraftTable {
  id: Generated<number>;
  account_id: number;
  pupil_id: number;
  phase: Phase;
  wishes: Json;
  base_version: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type UserAccount = Selectable<UserAccountTable>;
export type NewUserAccount = Insertable<UserAccountTable>;
export type UserAccountUpdate = Updateable<UserAccountTable>;

// --- E-mails (migration 0004-mail-outbox) ---

export type MailKind =
  | 'recap'
  | 'opinions_published'
  | 'proposals_published'
  | 'answer_given'
  | 'decision'
  | 'dialogue'
  | 'reminder'
  | 'address_confirmation'
  | 'verification_code'
  | 'recovery_link';
export type MailChannel = 'email' | 'sms';
export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface MailOutboxTable {
  id: Generated<number>;
  kind: MailKind;
  recipient: string;
  representative_id: number | null;
  pupil_id: number | null;
  phase: Phase | null;
  author_representative_id: number | null;
  subject: string;
  html_body: string;
  text_body: string;
  status: ColumnType<MailStatus, MailStatus | undefined, MailStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  not_before: Instant;
  next_attempt_at: Instant;
  locked_until: Instant | null;
  last_error: string | null;
  smtp_response: string | null;
  sent_at: Instant | null;
  coalesce_key: string | null;
  dedupe_key: string | null;
  /** 'sms': recipient is a number in international form (+33612345678), text_body the message. */
  channel: ColumnType<MailChannel, MailChannel | undefined, MailChannel>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MailAddressFailureTable {
  representative_id: number;
  email: string;
  error: string;
  failed_at: Instant;
}

export interface EmailChangeTable {
  id: Generated<number>;
  representative_id: number;
  account_id: number;
  new_email: string;
  token_hash: Uint8Array;
  expires_at: Instant;
  used_at: Instant | null;
  created_at: CreatedAt;
}

// --- Self-activation, recovery and federation (migration 0008-account-recovery) ---

export type ChallengePurpose = 'activation' | 'recovery' | 'federation_link';

export interface AccountChallengeTable {
  id: Generated<number>;
  purpose: ChallengePurpose;
  channel: 'sms' | 'email';
  destination: string;
  client_address: string | null;
  representative_id: number | null;
  account_id: number | null;
  flow_hash: Uint8Array;
  code_hash: Uint8Array | null;
  link_hash: Uint8Array | null;
  code_failures: ColumnType<number, number | undefined, number>;
  birth_date_failures: ColumnType<number, number | undefined, number>;
  expires_at: Instant;
  verified_at: Instant | null;
  identity_checked_at: Instant | null;
  used_at: Instant | null;
  created_at: Instant;
}

export interface FederatedIdentityTable {
  provider: string;
  subject: string;
  account_id: number;
  linked_at: Instant;
  last_login_at: Instant | null;
}

export interface FederationLoginTable {
  id_hash: Uint8Array;
  provider: string;
  state: string;
  nonce: string;
  code_verifier: string;
  subject: string | null;
  id_token: string | null;
  expires_at: Instant;
  created_at: Instant;
}
