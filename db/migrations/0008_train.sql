CREATE TABLE `eval_results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`eval_id` integer NOT NULL,
	`case_id` text NOT NULL,
	`trial` integer NOT NULL,
	`branch_kind` text DEFAULT '' NOT NULL,
	`outcome` text DEFAULT '' NOT NULL,
	`reward` real NOT NULL,
	`messages` text NOT NULL,
	`error` text,
	FOREIGN KEY (`eval_id`) REFERENCES `eval_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `eval_results_eval_idx` ON `eval_results` (`eval_id`,`case_id`);--> statement-breakpoint
CREATE TABLE `eval_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer,
	`label` text DEFAULT '' NOT NULL,
	`agent` text NOT NULL,
	`dataset` text NOT NULL,
	`trials` integer DEFAULT 1 NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`summary` text,
	`error` text,
	`created_by` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`run_id`) REFERENCES `train_runs`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `train_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`type` text NOT NULL,
	`step` integer,
	`data` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `train_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `train_events_run_idx` ON `train_events` (`run_id`,`id`);--> statement-breakpoint
CREATE INDEX `train_events_type_idx` ON `train_events` (`run_id`,`type`);--> statement-breakpoint
CREATE TABLE `train_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`backend` text NOT NULL,
	`spec` text NOT NULL,
	`status` text DEFAULT 'PENDING' NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`job_id` integer,
	`external_id` text,
	`stop_requested` integer DEFAULT false NOT NULL,
	`created_by` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`started_at` text,
	`ended_at` text
);
--> statement-breakpoint
CREATE INDEX `train_runs_status_idx` ON `train_runs` (`status`);