import type { ChatMessage } from "@/lib/chat/schema";

/** One turn of the simulated user; `stop` is true when `message` ends the conversation (it then carries the stop marker). */
export interface UserReply {
  message: string;
  stop: boolean;
}

/**
 * The user side of a conversation. `reply` gets the whole conversation so far (OpenAI chat
 * messages, system prompt included) and answers the agent's last turn; with no user message yet
 * it opens the conversation. Scripted and LLM simulators both implement this.
 */
export interface UserSimulator {
  reply(conversation: ChatMessage[]): UserReply;
}
