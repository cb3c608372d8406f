/** A fact read from one line of an input, with where it came from (for evidence file:line). */
export interface Sourced<T> {
  value: T;
  line: number;
  text: string;
}
