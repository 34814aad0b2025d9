ALTER TABLE `attendance` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `email_messages` ADD `access_link_id` integer REFERENCES access_links(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `email_messages` ADD `user_token_id` integer REFERENCES user_tokens(id) ON DELETE set null;