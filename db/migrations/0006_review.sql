CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` text NOT NULL,
	`actor_name` text DEFAULT '' NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`,`id`);--> statement-breakpoint
CREATE TABLE `case_reviews_state` (
	`case_id` integer PRIMARY KEY NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`approvals` integer DEFAULT 0 NOT NULL,
	`rejections` integer DEFAULT 0 NOT NULL,
	`updated_at` text,
	`domain_id` integer,
	`tree_id` integer,
	`outcome` text DEFAULT '' NOT NULL,
	`proof_status` text DEFAULT '' NOT NULL,
	`generator` text DEFAULT '' NOT NULL,
	`persona_id` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `crs_status_domain_idx` ON `case_reviews_state` (`status`,`domain_id`);--> statement-breakpoint
CREATE INDEX `crs_domain_outcome_idx` ON `case_reviews_state` (`domain_id`,`outcome`);--> statement-breakpoint
CREATE INDEX `crs_outcome_idx` ON `case_reviews_state` (`outcome`);--> statement-breakpoint
CREATE INDEX `crs_tree_idx` ON `case_reviews_state` (`tree_id`);--> statement-breakpoint
CREATE INDEX `crs_generator_idx` ON `case_reviews_state` (`generator`);--> statement-breakpoint
CREATE INDEX `crs_persona_idx` ON `case_reviews_state` (`persona_id`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`reviewer_id` text NOT NULL,
	`reviewer_name` text DEFAULT '' NOT NULL,
	`decision` text NOT NULL,
	`reason` text,
	`note` text DEFAULT '' NOT NULL,
	`case_revision` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reviews_case_idx` ON `reviews` (`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `reviews_reviewer_case_idx` ON `reviews` (`reviewer_id`,`case_id`);