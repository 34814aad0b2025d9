CREATE TABLE `course_schemes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`version` integer NOT NULL,
	`effective_from` text NOT NULL,
	`scheme` text NOT NULL,
	`preset_id` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `course_schemes_course_version_unique` ON `course_schemes` (`course_id`,`version`);--> statement-breakpoint
ALTER TABLE `assessments` ADD `released` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `assessments` ADD `component_key` text;--> statement-breakpoint
ALTER TABLE `assessments` ADD `never_drop` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `course_results` ADD `total` real;--> statement-breakpoint
ALTER TABLE `course_results` ADD `present_max` real;--> statement-breakpoint
ALTER TABLE `course_results` ADD `internal` real;--> statement-breakpoint
ALTER TABLE `course_results` ADD `external` real;--> statement-breakpoint
ALTER TABLE `course_results` ADD `outcome` text;--> statement-breakpoint
ALTER TABLE `course_results` ADD `scheme_version` integer;