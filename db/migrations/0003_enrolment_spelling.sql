ALTER TABLE `enrollments` RENAME TO `enrolments`;--> statement-breakpoint
DROP INDEX IF EXISTS `enrollments_candidate_course_unique`;--> statement-breakpoint
DROP INDEX IF EXISTS `enrollments_course_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `enrolments_candidate_course_unique` ON `enrolments` (`candidate_id`,`course_id`);--> statement-breakpoint
CREATE INDEX `enrolments_course_idx` ON `enrolments` (`course_id`,`status`,`candidate_id`);--> statement-breakpoint
UPDATE `audit_events` SET `action` = 'enrol' WHERE `action` = 'enroll';--> statement-breakpoint
UPDATE `audit_events` SET `action` = 'change-enrolment' WHERE `action` = 'change-enrollment';--> statement-breakpoint
UPDATE `audit_events` SET `entity` = 'enrolment' WHERE `entity` = 'enrollment';
