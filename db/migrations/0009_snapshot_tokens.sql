CREATE TABLE `snapshot_tokens` (
	`snapshot_id` integer NOT NULL,
	`format` text NOT NULL,
	`domain_hash` text NOT NULL,
	`counts` text NOT NULL,
	`compute_ms` integer NOT NULL,
	`computed_at` text NOT NULL,
	PRIMARY KEY(`snapshot_id`, `format`),
	FOREIGN KEY (`snapshot_id`) REFERENCES `snapshots`(`id`) ON UPDATE no action ON DELETE cascade
);
