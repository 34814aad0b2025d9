CREATE TABLE `grade_card_remarks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_id` integer NOT NULL,
	`term_id` integer NOT NULL,
	`body` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`term_id`) REFERENCES `terms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grade_card_remarks_candidate_term_unique` ON `grade_card_remarks` (`candidate_id`,`term_id`);--> statement-breakpoint
CREATE INDEX `grade_card_remarks_term_idx` ON `grade_card_remarks` (`term_id`);--> statement-breakpoint
ALTER TABLE `courses` ADD `min_attendance` real;