/** What the console's server hands its page; shared by both, so neither guesses the other's shapes. */

/** One line of a conversation: something the bot sent, or something the person typed. */
export interface ChatItem {
  id: string;
  from: 'bot' | 'user';
  /** The person who typed it (user items), for group chats. */
  senderOpenId?: string;
  /** Sandbox time, ms. */
  at: number;
  msgType: string;
  /** The card as it stands after updates, or `{text}`. */
  content: unknown;
  /** How many times the card was updated. */
  updates: number;
}

export interface Summary {
  /** Changes whenever a message is sent, updated or typed, or the sandbox is reset. */
  version: string;
  /** Messages the bot sent, per person (open_id) or group chat (chat_id). */
  counts: Record<string, number>;
}

/** A working time the console offers to move the clock to, e.g. 下月第一个工作日 09:00. */
export interface ClockTarget {
  /** What the button says, e.g. “下一个周五 15:00”. */
  label: string;
  /** What falls due then, with its date, e.g. “周记填写提醒 · 6月12日 周五”. */
  hint: string;
  at: string;
}

/** One job that ran while the clock moved. */
export interface ClockRun {
  job: string;
  title: string;
  period: string;
  at: string;
  summary: string;
  failed: boolean;
}

export interface ClockMove {
  now: string;
  runs: ClockRun[];
}

export interface ClockState {
  /** False when no bot lent the console its clock (the stand-in runs on its own). */
  movable: boolean;
  now: string;
  targets: ClockTarget[];
}

/** What /sandbox/act answers: the delivery's HTTP status and, for a card click, its toast. */
export interface ActResult {
  status: number;
  toast?: { type: string; content: string };
  error?: string;
}
