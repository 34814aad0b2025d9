CREATE TABLE `percent_conversions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`formula` text NOT NULL,
	`factor` real NOT NULL,
	`offset` real DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `percent_conversions_key_unique` ON `percent_conversions` (`key`);--> statement-breakpoint
INSERT INTO `percent_conversions` (`key`, `name`, `formula`, `factor`, `offset`, `created_at`, `updated_at`) VALUES
	('ugc-x10', 'CGPA × 10', 'Percentage = CGPA × 10', 10, 0, 1796800000000, 1796800000000),
	('cbse-x9.5', 'CGPA × 9.5 (CBSE)', 'Percentage = CGPA × 9.5', 9.5, 0, 1796800000000, 1796800000000),
	('minus-0.75-x10', '(CGPA − 0.75) × 10', 'Percentage = (CGPA − 0.75) × 10', 10, -7.5, 1796800000000, 1796800000000),
	('mumbai-7.1', '7.1 × CGPA + 11', 'Percentage = 7.1 × CGPA + 11', 7.1, 11, 1796800000000, 1796800000000);--> statement-breakpoint
ALTER TABLE `programs` ADD `gpa_places` integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE `programs` ADD `gpa_rounding` text DEFAULT 'half-up' NOT NULL;--> statement-breakpoint
ALTER TABLE `programs` ADD `percent_conversion_id` integer REFERENCES percent_conversions(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `programs` ADD `grade_card` text DEFAULT 'college' NOT NULL;--> statement-breakpoint
UPDATE `programs` SET `percent_conversion_id` = (SELECT `id` FROM `percent_conversions` WHERE `key` = 'ugc-x10');
