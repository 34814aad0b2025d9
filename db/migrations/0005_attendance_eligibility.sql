ALTER TABLE `thresholds` ADD `condonable_from` real DEFAULT 65 NOT NULL;--> statement-breakpoint
ALTER TABLE `thresholds` ADD `max_condonations` integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE `thresholds` ADD `on_duty_counts` text DEFAULT 'present' NOT NULL;--> statement-breakpoint
ALTER TABLE `thresholds` ADD `medical_counts` text DEFAULT 'excluded' NOT NULL;--> statement-breakpoint
CREATE TABLE `condonations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`term_id` integer NOT NULL,
	`rate_at_request` real NOT NULL,
	`reason` text NOT NULL,
	`document_note` text,
	`status` text DEFAULT 'requested' NOT NULL,
	`requested_by` integer,
	`requested_at` integer NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`decision_note` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`term_id`) REFERENCES `terms`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `condonations_candidate_idx` ON `condonations` (`candidate_id`,`status`);--> statement-breakpoint
CREATE INDEX `condonations_course_idx` ON `condonations` (`course_id`,`candidate_id`);--> statement-breakpoint
CREATE INDEX `condonations_status_idx` ON `condonations` (`status`,`requested_at`);
