CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`reset_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `user_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_tokens_hash_unique` ON `user_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `user_tokens_user_idx` ON `user_tokens` (`user_id`,`kind`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`full_name` text NOT NULL,
	`email` text NOT NULL,
	`password_hash` text,
	`role` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`last_sign_in_at` integer,
	`session_version` integer DEFAULT 0 NOT NULL,
	`password_changed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_lower_unique` ON `users` (lower("email"));--> statement-breakpoint
CREATE INDEX `users_role_idx` ON `users` (`role`,`active`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` integer,
	`actor_name` text,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_events` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_events` (`at`);--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_events` (`actor_id`,`at`);--> statement-breakpoint
CREATE TABLE `grade_bands` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scale_id` integer NOT NULL,
	`min_percent` real NOT NULL,
	`letter` text NOT NULL,
	`grade_points` real,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`scale_id`) REFERENCES `grading_scales`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grade_bands_scale_letter` ON `grade_bands` (`scale_id`,`letter`);--> statement-breakpoint
CREATE UNIQUE INDEX `grade_bands_scale_min` ON `grade_bands` (`scale_id`,`min_percent`);--> statement-breakpoint
CREATE TABLE `grading_scales` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `institution_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text DEFAULT 'Markbook Institute' NOT NULL,
	`short_name` text DEFAULT 'Markbook' NOT NULL,
	`date_format` text DEFAULT 'dd-MM-yyyy' NOT NULL,
	`brand_color` text DEFAULT '#4f46e5' NOT NULL,
	`reply_to` text,
	`alert_task_for_advisor` integer DEFAULT true NOT NULL,
	`alert_task_for_counsellor_on_attendance` integer DEFAULT true NOT NULL,
	`alert_counsellor_id` integer,
	`result_link_days` integer DEFAULT 30 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `thresholds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`program_id` integer,
	`pass_mark` real DEFAULT 40 NOT NULL,
	`at_risk_mark` real DEFAULT 50 NOT NULL,
	`min_attendance` real DEFAULT 75 NOT NULL,
	`sudden_drop_points` real DEFAULT 15 NOT NULL,
	`missing_count` integer DEFAULT 2 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `thresholds_program_unique` ON `thresholds` (`program_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `thresholds_default_unique` ON `thresholds` (("program_id" is null)) WHERE "thresholds"."program_id" is null;--> statement-breakpoint
CREATE TABLE `course_teachers` (
	`course_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`course_id`, `user_id`),
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `course_teachers_user_idx` ON `course_teachers` (`user_id`,`course_id`);--> statement-breakpoint
CREATE TABLE `courses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`program_id` integer NOT NULL,
	`term_id` integer NOT NULL,
	`credits` real DEFAULT 3 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`term_id`) REFERENCES `terms`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `courses_code_term_unique` ON `courses` (`code`,`term_id`);--> statement-breakpoint
CREATE INDEX `courses_program_idx` ON `courses` (`program_id`);--> statement-breakpoint
CREATE INDEX `courses_term_idx` ON `courses` (`term_id`);--> statement-breakpoint
CREATE TABLE `enrollments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`enrolled_on` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enrollments_candidate_course_unique` ON `enrollments` (`candidate_id`,`course_id`);--> statement-breakpoint
CREATE INDEX `enrollments_course_idx` ON `enrollments` (`course_id`,`status`,`candidate_id`);--> statement-breakpoint
CREATE TABLE `programs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`duration_months` integer,
	`grading_scale_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`grading_scale_id`) REFERENCES `grading_scales`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programs_code_unique` ON `programs` (`code`);--> statement-breakpoint
CREATE TABLE `terms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`locked` integer DEFAULT false NOT NULL,
	`locked_at` integer,
	`locked_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`locked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `terms_name_unique` ON `terms` (`name`);--> statement-breakpoint
CREATE INDEX `terms_starts_idx` ON `terms` (`starts_on`);--> statement-breakpoint
CREATE TABLE `candidates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_number` text NOT NULL,
	`full_name` text NOT NULL,
	`email` text,
	`phone` text,
	`date_of_birth` text,
	`program_id` integer,
	`institution_id` integer,
	`advisor_id` integer,
	`status` text DEFAULT 'active' NOT NULL,
	`enrolled_on` text,
	`notes` text,
	`consent_to_email` integer DEFAULT false NOT NULL,
	`lead_id` integer,
	`created_by` integer,
	`erased_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`advisor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `candidates_number_unique` ON `candidates` (`candidate_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `candidates_lead_unique` ON `candidates` (`lead_id`);--> statement-breakpoint
CREATE INDEX `candidates_name_idx` ON `candidates` (`full_name`);--> statement-breakpoint
CREATE INDEX `candidates_program_idx` ON `candidates` (`program_id`,`status`);--> statement-breakpoint
CREATE INDEX `candidates_advisor_idx` ON `candidates` (`advisor_id`,`status`);--> statement-breakpoint
CREATE INDEX `candidates_status_idx` ON `candidates` (`status`);--> statement-breakpoint
CREATE INDEX `candidates_institution_idx` ON `candidates` (`institution_id`);--> statement-breakpoint
CREATE INDEX `candidates_created_idx` ON `candidates` (`created_at`);--> statement-breakpoint
CREATE TABLE `guardians` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_id` integer NOT NULL,
	`full_name` text NOT NULL,
	`relationship` text,
	`email` text,
	`phone` text,
	`preferred_contact` text DEFAULT 'email' NOT NULL,
	`receives_reports` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `guardians_candidate_idx` ON `guardians` (`candidate_id`);--> statement-breakpoint
CREATE TABLE `assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`max_score` real NOT NULL,
	`weight` real NOT NULL,
	`due_on` text,
	`published` integer DEFAULT true NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_course_name_unique` ON `assessments` (`course_id`,`name`);--> statement-breakpoint
CREATE INDEX `assessments_course_idx` ON `assessments` (`course_id`,`position`);--> statement-breakpoint
CREATE TABLE `attendance` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`status` text DEFAULT 'present' NOT NULL,
	`note` text,
	`recorded_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `attendance_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendance_session_candidate_unique` ON `attendance` (`session_id`,`candidate_id`);--> statement-breakpoint
CREATE INDEX `attendance_candidate_idx` ON `attendance` (`candidate_id`,`session_id`);--> statement-breakpoint
CREATE TABLE `attendance_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`topic` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `attendance_sessions_course_idx` ON `attendance_sessions` (`course_id`,`held_on`);--> statement-breakpoint
CREATE TABLE `course_results` (
	`candidate_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`percent` real,
	`shown` real,
	`grade` text,
	`counted_weight` real DEFAULT 0 NOT NULL,
	`attendance_rate` real,
	`attendance_shown` real,
	`missing_count` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`candidate_id`, `course_id`),
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `course_results_course_idx` ON `course_results` (`course_id`,`shown`);--> statement-breakpoint
CREATE TABLE `mark_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mark_id` integer NOT NULL,
	`assessment_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`old_score` real,
	`old_status` text,
	`old_feedback` text,
	`new_score` real,
	`new_status` text,
	`new_feedback` text,
	`reason` text,
	`import_id` integer,
	`changed_by` integer,
	`changed_at` integer NOT NULL,
	FOREIGN KEY (`mark_id`) REFERENCES `marks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `mark_changes_mark_idx` ON `mark_changes` (`mark_id`,`changed_at`);--> statement-breakpoint
CREATE INDEX `mark_changes_candidate_idx` ON `mark_changes` (`candidate_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `marks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assessment_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`score` real,
	`status` text DEFAULT 'graded' NOT NULL,
	`feedback` text,
	`version` integer DEFAULT 1 NOT NULL,
	`entered_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `marks_assessment_candidate_unique` ON `marks` (`assessment_id`,`candidate_id`);--> statement-breakpoint
CREATE INDEX `marks_candidate_idx` ON `marks` (`candidate_id`,`assessment_id`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`full_name` text NOT NULL,
	`role` text,
	`email` text,
	`phone` text,
	`institution_id` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `contacts_name_idx` ON `contacts` (`full_name`);--> statement-breakpoint
CREATE INDEX `contacts_institution_idx` ON `contacts` (`institution_id`);--> statement-breakpoint
CREATE TABLE `institutions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`city` text,
	`state` text,
	`contact_email` text,
	`contact_phone` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `institutions_name_idx` ON `institutions` (`name`);--> statement-breakpoint
CREATE INDEX `institutions_created_idx` ON `institutions` (`created_at`);--> statement-breakpoint
CREATE TABLE `interactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`user_id` integer,
	`lead_id` integer,
	`candidate_id` integer,
	`contact_id` integer,
	`occurred_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "interactions_one_subject" CHECK(("interactions"."lead_id" is not null) + ("interactions"."candidate_id" is not null) + ("interactions"."contact_id" is not null) = 1)
);
--> statement-breakpoint
CREATE INDEX `interactions_lead_idx` ON `interactions` (`lead_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `interactions_candidate_idx` ON `interactions` (`candidate_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `interactions_contact_idx` ON `interactions` (`contact_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `interactions_user_idx` ON `interactions` (`user_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`student_name` text NOT NULL,
	`email` text NOT NULL,
	`phone` text NOT NULL,
	`program_of_interest` text NOT NULL,
	`program_id` integer,
	`source` text NOT NULL,
	`institution_id` integer,
	`contact_id` integer,
	`status` text DEFAULT 'New' NOT NULL,
	`owner_id` integer,
	`follow_up_on` text,
	`next_step` text,
	`notes` text,
	`status_changed_at` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `leads_status_idx` ON `leads` (`status`,`status_changed_at`);--> statement-breakpoint
CREATE INDEX `leads_owner_idx` ON `leads` (`owner_id`,`status`);--> statement-breakpoint
CREATE INDEX `leads_follow_up_idx` ON `leads` (`follow_up_on`);--> statement-breakpoint
CREATE INDEX `leads_email_idx` ON `leads` (lower("email"));--> statement-breakpoint
CREATE INDEX `leads_phone_idx` ON `leads` (`phone`);--> statement-breakpoint
CREATE INDEX `leads_institution_idx` ON `leads` (`institution_id`);--> statement-breakpoint
CREATE INDEX `leads_contact_idx` ON `leads` (`contact_id`);--> statement-breakpoint
CREATE INDEX `leads_created_idx` ON `leads` (`created_at`);--> statement-breakpoint
CREATE TABLE `seen_followups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`lead_id` integer NOT NULL,
	`follow_up_on` text,
	`seen_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `seen_followups_user_lead_unique` ON `seen_followups` (`user_id`,`lead_id`);--> statement-breakpoint
CREATE TABLE `seen_tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`task_id` integer NOT NULL,
	`seen_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `seen_tasks_user_task_unique` ON `seen_tasks` (`user_id`,`task_id`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`due_at` integer,
	`owner_id` integer,
	`status` text DEFAULT 'open' NOT NULL,
	`lead_id` integer,
	`candidate_id` integer,
	`alert_id` integer,
	`completed_at` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `tasks_owner_idx` ON `tasks` (`owner_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `tasks_status_due_idx` ON `tasks` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `tasks_lead_idx` ON `tasks` (`lead_id`);--> statement-breakpoint
CREATE INDEX `tasks_candidate_idx` ON `tasks` (`candidate_id`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_id` integer NOT NULL,
	`course_id` integer,
	`rule` text NOT NULL,
	`message` text NOT NULL,
	`figures` text,
	`raised_at` integer NOT NULL,
	`acknowledged_by` integer,
	`acknowledged_at` integer,
	`acknowledge_note` text,
	`resolved_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`acknowledged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_open_course_unique` ON `alerts` (`candidate_id`,`course_id`,`rule`) WHERE "alerts"."resolved_at" is null and "alerts"."course_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_open_overall_unique` ON `alerts` (`candidate_id`,`rule`) WHERE "alerts"."resolved_at" is null and "alerts"."course_id" is null;--> statement-breakpoint
CREATE INDEX `alerts_candidate_idx` ON `alerts` (`candidate_id`,`resolved_at`);--> statement-breakpoint
CREATE INDEX `alerts_course_idx` ON `alerts` (`course_id`,`resolved_at`);--> statement-breakpoint
CREATE INDEX `alerts_open_idx` ON `alerts` (`resolved_at`,`rule`,`raised_at`);--> statement-breakpoint
CREATE TABLE `access_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_id` integer NOT NULL,
	`guardian_id` integer,
	`recipient` text,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_by` integer,
	`last_used_at` integer,
	`uses` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`guardian_id`) REFERENCES `guardians`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `access_links_hash_unique` ON `access_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `access_links_candidate_idx` ON `access_links` (`candidate_id`);--> statement-breakpoint
CREATE TABLE `email_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to` text NOT NULL,
	`template` text NOT NULL,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`candidate_id` integer,
	`lead_id` integer,
	`user_id` integer,
	`status` text DEFAULT 'queued' NOT NULL,
	`transport` text NOT NULL,
	`provider_id` text,
	`error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`sent_at` integer,
	`run_id` integer,
	`dedupe_key` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`run_id`) REFERENCES `report_runs`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_dedupe_unique` ON `email_messages` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `email_status_idx` ON `email_messages` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `email_candidate_idx` ON `email_messages` (`candidate_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `email_lead_idx` ON `email_messages` (`lead_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `email_created_idx` ON `email_messages` (`created_at`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`period_key` text NOT NULL,
	`result` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_runs_name_period_unique` ON `job_runs` (`name`,`period_key`);--> statement-breakpoint
CREATE TABLE `report_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`candidate_id` integer,
	`course_id` integer,
	`program_id` integer,
	`term_id` integer,
	`status` text DEFAULT 'running' NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`queued` integer DEFAULT 0 NOT NULL,
	`period_key` text,
	`created_by` integer,
	`finished_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_runs_period_unique` ON `report_runs` (`period_key`);--> statement-breakpoint
CREATE INDEX `report_runs_created_idx` ON `report_runs` (`created_at`);--> statement-breakpoint
CREATE TABLE `import_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	`before` text,
	`after` text,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_changes_import_idx` ON `import_changes` (`import_id`);--> statement-breakpoint
CREATE INDEX `import_changes_entity_idx` ON `import_changes` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `import_mappings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`mapping` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_mappings_user_kind_unique` ON `import_mappings` (`user_id`,`kind`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`file_hash` text NOT NULL,
	`course_id` integer,
	`status` text DEFAULT 'committed' NOT NULL,
	`counts` text NOT NULL,
	`created_by` integer,
	`undone_at` integer,
	`undone_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`undone_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `imports_created_idx` ON `imports` (`created_at`);