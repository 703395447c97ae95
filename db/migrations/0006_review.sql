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
CREATE INDEX `reviews_reviewer_case_idx` ON `reviews` (`reviewer_id`,`case_id`);--> statement-breakpoint
-- Hand-written below (not in the drizzle snapshot; see db/schema-review.ts): a review-state row
-- per case with copies of the filtered columns, kept by triggers, and an FTS5 trigram index of
-- the request and backgrounds for substring search (its `task` and unindexed `labels`
-- columns also serve the queue's rows, so a page never parses case JSON).
INSERT INTO `case_reviews_state` (`case_id`, `domain_id`, `tree_id`, `outcome`, `proof_status`, `generator`, `persona_id`)
  SELECT `id`, `domain_id`, `tree_id`, `outcome`, `status`, `generator`, `persona_id` FROM `cases`;--> statement-breakpoint
CREATE TRIGGER `cases_review_state_ai` AFTER INSERT ON `cases` BEGIN
  INSERT INTO `case_reviews_state` (`case_id`, `domain_id`, `tree_id`, `outcome`, `proof_status`, `generator`, `persona_id`)
  VALUES (new.`id`, new.`domain_id`, new.`tree_id`, new.`outcome`, new.`status`, new.`generator`, new.`persona_id`);
END;--> statement-breakpoint
CREATE TRIGGER `cases_review_state_au` AFTER UPDATE OF `domain_id`, `tree_id`, `outcome`, `status`, `generator`, `persona_id` ON `cases` BEGIN
  UPDATE `case_reviews_state` SET `domain_id` = new.`domain_id`, `tree_id` = new.`tree_id`, `outcome` = new.`outcome`, `proof_status` = new.`status`, `generator` = new.`generator`, `persona_id` = new.`persona_id`
  WHERE `case_id` = new.`id`;
END;--> statement-breakpoint
CREATE VIRTUAL TABLE `case_search` USING fts5(`task`, `background`, `labels` UNINDEXED, tokenize = 'trigram');--> statement-breakpoint
INSERT INTO `case_search` (`rowid`, `task`, `background`, `labels`)
  SELECT `id`, coalesce(json_extract(`data`, '$.task'), ''), coalesce(json_extract(`data`, '$.user_background'), '') || char(10) || coalesce(json_extract(`data`, '$.hack_success_user_background'), ''), coalesce(json_extract(`data`, '$.branch.labels'), '[]') FROM `cases`;--> statement-breakpoint
CREATE TRIGGER `cases_search_ai` AFTER INSERT ON `cases` BEGIN
  INSERT INTO `case_search` (`rowid`, `task`, `background`, `labels`)
  VALUES (new.`id`, coalesce(json_extract(new.`data`, '$.task'), ''), coalesce(json_extract(new.`data`, '$.user_background'), '') || char(10) || coalesce(json_extract(new.`data`, '$.hack_success_user_background'), ''), coalesce(json_extract(new.`data`, '$.branch.labels'), '[]'));
END;--> statement-breakpoint
CREATE TRIGGER `cases_search_au` AFTER UPDATE OF `data` ON `cases` BEGIN
  UPDATE `case_search` SET `task` = coalesce(json_extract(new.`data`, '$.task'), ''), `background` = coalesce(json_extract(new.`data`, '$.user_background'), '') || char(10) || coalesce(json_extract(new.`data`, '$.hack_success_user_background'), ''), `labels` = coalesce(json_extract(new.`data`, '$.branch.labels'), '[]')
  WHERE `rowid` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `cases_search_ad` AFTER DELETE ON `cases` BEGIN
  DELETE FROM `case_search` WHERE `rowid` = old.`id`;
END;
