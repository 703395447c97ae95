CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`domain_id` integer,
	`tree_id` integer,
	`tree_revision` integer,
	`branch_id` text NOT NULL,
	`outcome` text NOT NULL,
	`status` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`source` text DEFAULT 'synth' NOT NULL,
	`generator` text DEFAULT 'deterministic' NOT NULL,
	`persona_id` text,
	`import_batch` text,
	`data` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tree_id`) REFERENCES `trees`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `cases_domain_idx` ON `cases` (`domain_id`);--> statement-breakpoint
CREATE INDEX `cases_tree_idx` ON `cases` (`tree_id`);--> statement-breakpoint
CREATE INDEX `cases_status_idx` ON `cases` (`status`);