CREATE TABLE `problem_evals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`domain` text,
	`policy` text NOT NULL,
	`round` integer DEFAULT 0 NOT NULL,
	`samples` integer NOT NULL,
	`summary` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `problem_pass_rates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`eval_id` integer NOT NULL,
	`problem_id` text NOT NULL,
	`policy` text NOT NULL,
	`round` integer DEFAULT 0 NOT NULL,
	`samples` integer NOT NULL,
	`successes` integer NOT NULL,
	`rate` real NOT NULL,
	FOREIGN KEY (`eval_id`) REFERENCES `problem_evals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`problem_id`) REFERENCES `problems`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `problem_pass_rates_eval_idx` ON `problem_pass_rates` (`eval_id`);--> statement-breakpoint
CREATE INDEX `problem_pass_rates_problem_idx` ON `problem_pass_rates` (`problem_id`);--> statement-breakpoint
CREATE TABLE `problems` (
	`id` text PRIMARY KEY NOT NULL,
	`domain` text,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`verdict` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`parent_id` text,
	`root_id` text NOT NULL,
	`mutation` text,
	`round` integer DEFAULT 0 NOT NULL,
	`difficulty` real NOT NULL,
	`tool_calls` integer DEFAULT 0 NOT NULL,
	`statement` text NOT NULL,
	`data` text NOT NULL,
	`reviewed_by` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `problems_domain_idx` ON `problems` (`domain`,`verdict`);--> statement-breakpoint
CREATE INDEX `problems_root_idx` ON `problems` (`root_id`);--> statement-breakpoint
CREATE INDEX `problems_parent_idx` ON `problems` (`parent_id`);