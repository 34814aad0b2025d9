ALTER TABLE `access_links` ADD `first_opened_at` integer;--> statement-breakpoint
UPDATE `access_links` SET `first_opened_at` = `last_used_at` WHERE `uses` > 0 AND `last_used_at` IS NOT NULL;--> statement-breakpoint
ALTER TABLE `access_links` ADD `resent_at` integer;--> statement-breakpoint
ALTER TABLE `access_links` ADD `resends` integer DEFAULT 0 NOT NULL;
