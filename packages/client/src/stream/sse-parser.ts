/** One event of an event stream. */
export interface SseEvent {
  event: string;
  data: string;
  id: string | undefined;
}

/**
 * Parses a text/event-stream as it arrives, chunk by chunk (WHATWG HTML, "event stream interpretation"):
 * lines end with CRLF, LF or CR; `:` starts a comment; an empty line dispatches the event.
 *
 * @example
 * const parser = new SseParser((event) => console.log(event.event, event.data));
 * parser.push('id: 7\nevent: intent\ndata: {}\n\n');
 */
export class SseParser {
  readonly #dispatch: (event: SseEvent) => void;
  #buffer = '';
  #event = '';
  #data: string[] = [];
  #id: string | undefined;
  #seenCr = false;

  constructor(dispatch: (event: SseEvent) => void) {
    this.#dispatch = dispatch;
  }

  push(text: string): void {
    let input = text;
    // A CR at the end of the last chunk may be followed by the LF of the same line ending.
    if (this.#seenCr && input.startsWith('\n')) input = input.slice(1);
    this.#seenCr = input.endsWith('\r');
    this.#buffer += input;
    for (;;) {
      const end = this.#buffer.search(/\r\n|\r|\n/);
      if (end < 0) return;
      const line = this.#buffer.slice(0, end);
      const width = this.#buffer.startsWith('\r\n', end) ? 2 : 1;
      this.#buffer = this.#buffer.slice(end + width);
      this.#line(line);
    }
  }

  #line(line: string): void {
    if (line === '') {
      if (this.#data.length > 0) {
        this.#dispatch({ event: this.#event || 'message', data: this.#data.join('\n'), id: this.#id });
      }
      this.#event = '';
      this.#data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#event = value;
    else if (field === 'data') this.#data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.#id = value;
  }
}
