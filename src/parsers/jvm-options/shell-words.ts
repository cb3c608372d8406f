// Just enough of POSIX shell word splitting (IEEE Std 1003.1, "Token Recognition" and "Quote Removal")
// to read option assignments and java command lines out of catalina.sh-style scripts: single quotes
// are literal, double quotes keep $VAR references and honour \" \\ \$ \`, a backslash outside quotes
// escapes the next character, `#` at the start of a word starts a comment, and `;`, `&&`, `||`, `|`
// end the command. No expansion happens: $VAR stays as written for the caller to recognise.

export interface ShellScan {
  /** The words of the first command, quotes removed. */
  words: string[];
  /** true when the text ends inside quotes or with a line-continuation backslash. */
  incomplete: boolean;
}

export function shellWords(text: string): ShellScan {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = '';
      else word += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = '';
      else if (c === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1])) {
        i++;
        if (text[i] !== '\n') word += text[i];
      } else word += c;
      continue;
    }
    if (c === '\\') {
      if (i + 1 >= text.length) return { words: inWord ? [...words, word] : words, incomplete: true };
      i++;
      if (text[i] !== '\n') {
        word += text[i];
        inWord = true;
      }
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    if (!inWord && c === '#') break;
    if (c === ';' || c === '|' || (c === '&' && text[i + 1] === '&')) break;
    word += c;
    inWord = true;
  }
  if (inWord) words.push(word);
  return { words, incomplete: quote !== '' };
}
