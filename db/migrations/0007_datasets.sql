CREATE TABLE `snapshot_cases` (
	`snapshot_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`split` text NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`snapshot_id`, `case_id`),
	FOREIGN KEY (`snapshot_id`) REFERENCES `snapshots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`domain_id` integer NOT NULL,
	`name` text NOT NULL,
	`version` integer NOT NULL,
	`selection` text NOT NULL,
	`seed` integer NOT NULL,
	`validation_ratio` real NOT NULL,
	`hash` text NOT NULL,
	`cases` integer NOT NULL,
	`train` integer NOT NULL,
	`validation` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `snapshots_domain_version` ON `snapshots` (`domain_id`,`version`);