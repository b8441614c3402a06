/**
 * The text generator used when SYNTH_LLM_URL is set: an OpenAI-compatible chat-completions endpoint
 * (POST <url>/chat/completions, as OpenAI, vLLM, llama.cpp's server and Ollama serve it) asked for a
 * JSON array of new texts for one label, shown up to EXAMPLES source texts of that label for style.
 * Those examples leave the platform for the endpoint: point SYNTH_LLM_URL only at a model you trust
 * with the data. Every answer goes through the same verbatim guard as the embedded model's texts.
 */
import type { SynthLlmConfig } from '../../config/app-config.js';
import { seededRandom } from '../../quality/domain/seeded-random.js';
import { SynthesisError, SynthesisErrorCode } from './domain/synthesis-error.js';
import { ngramGenerator } from './synthesize.js';
import type { TextCorpus, TextGenerator, TextGeneratorFactory } from './text-generator.port.js';

/** Texts asked for per request: a JSON array a model writes reliably in one answer. */
export const TEXTS_PER_REQUEST = 20;
export const EXAMPLES = 3;
const EXAMPLE_CHARS = 400;
/** Requests per `generate` call, relative to the ones needed if every text passed the guard. */
const REQUEST_ALLOWANCE = 3;

/** The label as a person reads it (multilabel keys are JSON arrays). */
function readableLabel(label: string): string {
  if (!label.startsWith('[')) return label;
  try {
    return (JSON.parse(label) as string[]).join(', ') || '(no label)';
  } catch {
    return label;
  }
}

/** The texts in a model's answer: a JSON array of strings, or else one text per non-empty line. */
export function parseTexts(content: string): string[] {
  const start = content.indexOf('[');
  const end = content.lastIndexOf(']');
  if (start >= 0 && end > start) {
    try {
      const parsed: unknown = JSON.parse(content.slice(start, end + 1));
      if (Array.isArray(parsed))
        return parsed.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim());
    } catch {
      // not JSON: fall through to lines
    }
  }
  return content
    .split('\n')
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
    .filter((line) => line !== '');
}

export class ChatCompletionsTextGenerator implements TextGenerator {
  readonly name: string;

  constructor(
    private readonly _config: SynthLlmConfig,
    private readonly _corpus: TextCorpus,
  ) {
    this.name = `OpenAI-compatible chat completions (${_config.model}), verbatim guard of ${_corpus.guard.run} tokens`;
  }

  async *generate(label: string, count: number, seed: number): AsyncIterable<string> {
    let produced = 0;
    const requests = Math.ceil(count / TEXTS_PER_REQUEST) * REQUEST_ALLOWANCE;
    for (let request = 0; produced < count && request < requests; request++) {
      const texts = await this._ask(label, Math.min(TEXTS_PER_REQUEST, count - produced), (seed + request) >>> 0);
      for (const text of texts) {
        if (produced === count) break;
        if (!this._corpus.guard.allows(text)) continue;
        produced++;
        yield text;
      }
    }
  }

  private async _ask(label: string, count: number, seed: number): Promise<string[]> {
    const own = this._corpus.textsByLabel.get(label) ?? [];
    const random = seededRandom(seed);
    const examples = Array.from({ length: Math.min(EXAMPLES, own.length) }, () =>
      own[Math.floor(random() * own.length)]!.slice(0, EXAMPLE_CHARS),
    );
    const prompt = [
      `Write ${count} new, varied texts for the field "${this._corpus.field}" of a dataset; each is labelled "${readableLabel(label)}".`,
      examples.length ? 'Match the style and length of these examples, but never copy them or any long phrase of them:' : '',
      ...examples.map((example) => `- ${JSON.stringify(example)}`),
      `Answer with a JSON array of ${count} strings and nothing else.`,
    ]
      .filter((line) => line !== '')
      .join('\n');
    let response: Response;
    try {
      response = await fetch(`${this._config.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this._config.apiKey ? { authorization: `Bearer ${this._config.apiKey}` } : {}) },
        body: JSON.stringify({
          model: this._config.model,
          messages: [
            { role: 'system', content: 'You write synthetic dataset records. You never reproduce the examples you are shown.' },
            { role: 'user', content: prompt },
          ],
          temperature: 1,
          seed,
        }),
        signal: AbortSignal.timeout(this._config.timeoutMs),
      });
    } catch (error) {
      throw new SynthesisError(SynthesisErrorCode.GENERATOR_FAILED, `SYNTH_LLM_URL did not answer: ${(error as Error).message}`);
    }
    if (!response.ok) {
      throw new SynthesisError(SynthesisErrorCode.GENERATOR_FAILED, `SYNTH_LLM_URL answered HTTP ${response.status}`);
    }
    const body = (await response.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
    const content = body.choices?.[0]?.message?.content;
    if (typeof content !== 'string')
      throw new SynthesisError(SynthesisErrorCode.GENERATOR_FAILED, 'SYNTH_LLM_URL answered without a message');
    return parseTexts(content);
  }
}

/** The generator the configuration asks for: the endpoint of SYNTH_LLM_URL, else the embedded n-gram model. */
export function configuredTextGenerator(llm: SynthLlmConfig | undefined): TextGeneratorFactory {
  return llm ? (corpus) => new ChatCompletionsTextGenerator(llm, corpus) : ngramGenerator;
}
