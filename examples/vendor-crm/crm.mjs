// @ts-check
/**
 * A small CRM on SQLite, shaped the way most CRMs are: leads, opportunities, deals. Intentcast maps onto it
 * directly:
 *
 *   intent received            -> a lead (one per intent; skipped when no product fits)
 *   first offer sent           -> an opportunity, named by the offer's id as the protocol names negotiations
 *   revised offer              -> a new revision of that opportunity's offer
 *   buyer's counter / question -> a reply logged on the opportunity (status "countered")
 *   buyer's accept + confirm   -> a won deal, with the booking reference sent in the confirm
 *   decline, withdrawals       -> a lost deal, with the reason
 */
import Database from 'better-sqlite3';

const SCHEMA = `
-- A buyer who said what they want. The buyer is a key used for this intent only: no name, no history.
CREATE TABLE IF NOT EXISTS leads (
  intent_id   TEXT PRIMARY KEY,
  buyer       TEXT NOT NULL,
  category    TEXT NOT NULL,
  region      TEXT,
  description TEXT NOT NULL,
  quantity    INTEGER NOT NULL,
  starts      TEXT,
  ends        TEXT,
  budget      TEXT,
  status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'skipped', 'offered', 'won', 'lost')),
  note        TEXT,
  received_at TEXT NOT NULL
);
-- This vendor's negotiation on a lead; the protocol allows one per vendor and intent.
CREATE TABLE IF NOT EXISTS opportunities (
  id         TEXT PRIMARY KEY,
  intent_id  TEXT NOT NULL UNIQUE REFERENCES leads (intent_id),
  sku        TEXT NOT NULL,
  quantity   INTEGER NOT NULL,
  floor      TEXT NOT NULL,
  currency   TEXT NOT NULL,
  status     TEXT NOT NULL DEFAULT 'open'
             CHECK (status IN ('open', 'countered', 'accepted', 'won', 'lost')),
  updated_at TEXT NOT NULL
);
-- Every offer sent: revision 0 is the first offer. The signed message is kept; it verifies on its own.
CREATE TABLE IF NOT EXISTS offers (
  id             TEXT PRIMARY KEY,
  opportunity_id TEXT NOT NULL REFERENCES opportunities (id),
  revision       INTEGER NOT NULL,
  price          TEXT NOT NULL,
  answers        TEXT,
  message        TEXT NOT NULL,
  sent_at        TEXT NOT NULL,
  UNIQUE (opportunity_id, revision)
);
-- Every reply of the buyer, once handled (a mailbox replayed after a restart skips these).
CREATE TABLE IF NOT EXISTS replies (
  id             TEXT PRIMARY KEY,
  opportunity_id TEXT NOT NULL REFERENCES opportunities (id),
  decision       TEXT NOT NULL,
  price          TEXT,
  detail         TEXT,
  received_at    TEXT NOT NULL
);
-- How an opportunity ended.
CREATE TABLE IF NOT EXISTS deals (
  opportunity_id TEXT PRIMARY KEY REFERENCES opportunities (id),
  outcome        TEXT NOT NULL CHECK (outcome IN ('won', 'lost')),
  price          TEXT,
  reference      TEXT,
  reason         TEXT,
  closed_at      TEXT NOT NULL
);`;

/**
 * @typedef {{ amount: string, currency: string }} Money
 * @typedef {import('@intentcast/client').Received} Received
 * @typedef {Extract<Received, { type: 'intent' }>} Intent
 * @typedef {Awaited<ReturnType<import('@intentcast/client').Vendor['offer']>>['message']} Offer
 * @typedef {Extract<Received, { type: 'reply' }>} Reply
 * @typedef {object} Opportunity
 * @property {string} id
 * @property {string} intent_id
 * @property {string} sku
 * @property {number} quantity
 * @property {string} floor       the lowest total price a counter can get
 * @property {string} currency
 * @property {'open' | 'countered' | 'accepted' | 'won' | 'lost'} status
 * @property {string} price       the latest offer's price
 * @property {number} revision    the latest offer's revision
 * @property {Offer} latest       the latest offer, as signed
 */

const now = () => new Date().toISOString();

/**
 * @example
 * const crm = new Crm('./vendor-data/crm.sqlite');
 * if (!crm.hasLead(intent.id)) crm.addLead(intent);
 */
export class Crm {
  /** @param {string} path */
  constructor(path) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
  }

  /** @param {string} intentId */
  hasLead(intentId) {
    return this.db.prepare('SELECT 1 FROM leads WHERE intent_id = ?').get(intentId) !== undefined;
  }

  /** @param {Intent} intent */
  addLead(intent) {
    const { what, where, when, budget } = intent.body;
    this.db
      .prepare(
        `INSERT INTO leads (intent_id, buyer, category, region, description, quantity, starts, ends, budget,
           received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        intent.id,
        intent.author,
        what.category,
        where?.region ?? null,
        what.description,
        what.quantity,
        when?.start ?? null,
        when?.end ?? null,
        budget ? `${budget.max} ${budget.currency}` : null,
        now(),
      );
  }

  /** @param {string} intentId @param {string} note why no offer was sent */
  skipLead(intentId, note) {
    this.db.prepare("UPDATE leads SET status = 'skipped', note = ? WHERE intent_id = ?").run(note, intentId);
  }

  /**
   * The first offer went out: the lead becomes an opportunity.
   *
   * @param {{ offer: Offer, sku: string, quantity: number, price: Money, floor: Money }} sent
   */
  openOpportunity({ offer, sku, quantity, price, floor }) {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO opportunities (id, intent_id, sku, quantity, floor, currency, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(offer.id, offer.thread, sku, quantity, floor.amount, price.currency, now());
      this.#addOffer(offer.id, offer, 0, price, null);
      this.db.prepare("UPDATE leads SET status = 'offered' WHERE intent_id = ?").run(offer.thread);
    })();
  }

  /**
   * The opportunity on an intent, with its latest offer; undefined when this vendor made none.
   *
   * @param {string} intentId
   * @returns {Opportunity | undefined}
   */
  opportunityOn(intentId) {
    const row = /** @type {(Omit<Opportunity, 'latest'> & { message: string }) | undefined} */ (
      this.db
        .prepare(
          `SELECT o.*, f.price, f.revision, f.message FROM opportunities o
           JOIN offers f ON f.opportunity_id = o.id
           WHERE o.intent_id = ? ORDER BY f.revision DESC LIMIT 1`,
        )
        .get(intentId)
    );
    if (row === undefined) return undefined;
    const { message, ...rest } = row;
    return { ...rest, latest: JSON.parse(message) };
  }

  /** @param {string} replyId */
  handled(replyId) {
    return this.db.prepare('SELECT 1 FROM replies WHERE id = ?').get(replyId) !== undefined;
  }

  /**
   * A reply was handled: log it, and move the opportunity to `status`.
   *
   * @param {Opportunity} opportunity
   * @param {Reply} reply
   * @param {{ status: Opportunity['status'], price?: Money, detail?: string }} outcome
   */
  logReply(opportunity, reply, { status, price, detail }) {
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO replies (id, opportunity_id, decision, price, detail, received_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(reply.id, opportunity.id, reply.body.decision, price?.amount ?? null, detail ?? null, now());
      this.#setStatus(opportunity.id, status);
    })();
  }

  /**
   * A revised offer went out.
   *
   * @param {Opportunity} opportunity
   * @param {Offer} offer
   * @param {Money} price
   */
  addRevision(opportunity, offer, price) {
    this.db.transaction(() => {
      this.#addOffer(opportunity.id, offer, opportunity.revision + 1, price, offer.ref);
      this.#setStatus(opportunity.id, 'open');
    })();
  }

  /**
   * The opportunity ended: a won deal (with the price and the booking reference) or a lost one.
   *
   * @param {Opportunity} opportunity
   * @param {{ outcome: 'won' | 'lost', price?: string, reference?: string, reason?: string }} deal
   */
  closeDeal(opportunity, { outcome, price, reference, reason }) {
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO deals (opportunity_id, outcome, price, reference, reason, closed_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(opportunity.id, outcome, price ?? null, reference ?? null, reason ?? null, now());
      this.#setStatus(opportunity.id, outcome);
      this.db
        .prepare('UPDATE leads SET status = ?, note = ? WHERE intent_id = ?')
        .run(outcome, reason ?? null, opportunity.intent_id);
    })();
  }

  /** How many units of a product won deals have sold. @param {string} sku */
  sold(sku) {
    const row = /** @type {{ units: number }} */ (
      this.db
        .prepare(
          "SELECT COALESCE(SUM(quantity), 0) AS units FROM opportunities WHERE sku = ? AND status = 'won'",
        )
        .get(sku)
    );
    return row.units;
  }

  close() {
    this.db.close();
  }

  /**
   * @param {string} opportunityId @param {Offer} offer @param {number} revision @param {Money} price
   * @param {string | null} answers
   */
  #addOffer(opportunityId, offer, revision, price, answers) {
    this.db
      .prepare(
        'INSERT INTO offers (id, opportunity_id, revision, price, answers, message, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(offer.id, opportunityId, revision, price.amount, answers, JSON.stringify(offer), now());
  }

  /** @param {string} opportunityId @param {Opportunity['status']} status */
  #setStatus(opportunityId, status) {
    this.db
      .prepare('UPDATE opportunities SET status = ?, updated_at = ? WHERE id = ?')
      .run(status, now(), opportunityId);
  }
}
