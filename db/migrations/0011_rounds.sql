CREATE TABLE `projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`domains` text NOT NULL,
	`backend` text NOT NULL,
	`base_model` text NOT NULL,
	`settings` text NOT NULL,
	`created_by` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `projects_name_unique` ON `projects` (`name`);--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`number` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`step` text DEFAULT 'prepare' NOT NULL,
	`seed` integer NOT NULL,
	`inputs` text,
	`steps` text NOT NULL,
	`results` text NOT NULL,
	`output` text,
	`error` text,
	`created_by` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`closed_at` text,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rounds_project_number` ON `rounds` (`project_id`,`number`);--> statement-breakpoint
CREATE INDEX `rounds_status_idx` ON `rounds` (`status`);--> statement-breakpoint
CREATE TRIGGER `rounds_closed_no_update` BEFORE UPDATE ON `rounds` WHEN OLD.`status` = 'closed'
BEGIN SELECT RAISE(ABORT, 'round is closed: a closed round is immutable'); END;--> statement-breakpoint
CREATE TRIGGER `rounds_closed_no_delete` BEFORE DELETE ON `rounds` WHEN OLD.`status` = 'closed'
BEGIN SELECT RAISE(ABORT, 'round is closed: a closed round is immutable'); END;
