import { describe, expect, it } from 'vitest';
import { officialCheck, samples, W3C_MISSING } from '../testing/w3c-schemas';
import { codePointOffset, readW3C, utf16Offset, W3CError } from '../../../shared/export/w3c';

const official = officialCheck();

describe('offsets as the W3C model counts them', () => {
  it('counts an emoji or another astral character as one code point, and back', () => {
    const text = 'Police 🚓 said 268 cases 𝟐𝟔𝟗 were filed';
    const at = text.indexOf('268');
    expect(at).toBe(15);
    expect(codePointOffset(text, at)).toBe(14);
    expect(utf16Offset(text, 14)).toBe(at);
    const after = text.indexOf('were');
    expect(codePointOffset(text, after)).toBe(after - 4);
    expect(utf16Offset(text, codePointOffset(text, after))).toBe(after);
    expect(codePointOffset('മലയാളം', 6)).toBe(6);
  });
});

describe.skipIf(W3C_MISSING !== null)(`the W3C test suite’s samples${W3C_MISSING ? ` (skipped: ${W3C_MISSING})` : ''}`, () => {
  it('reads every valid example, including collections and pages', () => {
    const read = samples('correct').map(({ name, text }) => ({ name, annotations: readW3C(text) }));
    expect(read).toHaveLength(45);
    expect(read.find((r) => r.name === 'anno1.json')!.annotations[0]).toMatchObject({
      id: 'http://example.org/anno1',
      targets: [{ source: 'http://example.com/page1', unsupported: expect.any(String) }],
    });
    // The Recommendation's collection embeds the examples in its first page.
    expect(read.find((r) => r.name === 'collection1.json')!.annotations.length).toBeGreaterThan(30);
    const quoted = read.flatMap((r) => r.annotations).find((a) => a.targets.some((t) => t.quote));
    expect(quoted?.targets.find((t) => t.quote)?.quote?.exact).toBe('anotation');
  });

  it('refuses every invalid example with the problem named, and what is not JSON as such', () => {
    const topic: Record<string, RegExp> = {
      'No context': /@context/,
      'Bad context': /@context/,
      'bad id': /id must be one IRI/,
      'multiple identifiers': /id must be one IRI/,
      'no type': /type must be Annotation \(it has none\)/,
      'bad type': /type must be Annotation, not "Squirrel"/,
      'bad target': /target must be an IRI or an object/,
      'bad creator': /creator must be agents/,
      'bad generator': /generator must be agents/,
      'bad created': /(created|modified|generated) must be one date and time/,
      'bad rights': /rights must be IRIs/,
      'bad via': /via must be IRIs/,
      'bad canonical': /canonical must be one IRI/,
      'no value for Fragment Selector': /FragmentSelector needs exactly one value|SpecificResource needs one IRI/,
      'multiple values for Fragment Selector': /FragmentSelector needs exactly one value|SpecificResource needs one IRI/,
    };
    const all = samples('incorrect');
    expect(all).toHaveLength(39);
    let notJson = 0;
    for (const { name, text } of all) {
      let label: string | undefined;
      try {
        label = (JSON.parse(text) as { label?: string }).label;
      } catch {
        notJson++;
        expect(() => readW3C(text), name).toThrow(/^It is not JSON: /);
        continue;
      }
      expect(() => readW3C(text), name).toThrow(W3CError);
      if (label) expect(() => readW3C(text), `${name} (${label})`).toThrow(topic[label]);
    }
    expect(notJson).toBe(17);
  });

  it('agrees with the test suite’s MUST assertions on every example it can check', () => {
    for (const { name, text } of samples('correct')) {
      const data = JSON.parse(text) as { type?: string };
      const failed = data.type === 'AnnotationCollection' ? official!.collection(data) : data.type === 'AnnotationPage' ? [] : official!.annotation(data);
      // The suite's schemas predate the Composite, List and Independents targets of examples 11-13.
      if (['anno11.json', 'anno12.json', 'anno13.json'].includes(name)) expect(failed.join()).toMatch(/targetObjectsRecognized/);
      else expect(failed, name).toEqual([]);
    }
    for (const { name, text } of samples('incorrect')) {
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        continue;
      }
      expect(official!.annotation(data).length, name).toBeGreaterThan(0);
    }
  });
});
