export * from "./schema";
export { isRefusal, isConfirmationRequest, isTransferText, isAsking, isOfferingMoreHelp } from "./intent";
export { stem, factWords, factLabel, mentionsFact, mentionedFacts } from "./fact-mention";
