import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import 'react-simple-keyboard/build/css/index.css';
import { KeyboardReact, type KeyboardButtonAttributes, type KeyboardButtonTheme, type KeyboardLayoutObject } from 'react-simple-keyboard';
import type { Bilingual, Language } from '../../../electron/shared/contract';
import { useI18n } from '../i18n/i18n';

export type KeyboardLayoutName = 'ru' | 'en' | 'digits';
/** What is typed: text (search, names: Russian, English, digits and signs), a network address, or a one-time code. */
export type KeyboardMode = 'text' | 'address' | 'code';

// Letters only in lower case: search ignores case, and one layer means no shift key to explain.
// No "<", ">", "{", "}", "[" or "]": simple-keyboard gives brackets and braces a meaning of their own.
const layouts: KeyboardLayoutObject = {
  ru: ['ё й ц у к е н г ш щ з х ъ', 'ф ы в а п р о л д ж э', 'я ч с м и т ь б ю {bksp}', '{digits} {en} {space} {clear}'],
  en: ['q w e r t y u i o p', 'a s d f g h j k l', 'z x c v b n m {bksp}', '{digits} {ru} {space} {clear}'],
  digits: ['1 2 3 4 5 6 7 8 9 0', '- / . , \' « » № + @', '( ) : ; ! ? " _ {bksp}', '{ru} {en} {space} {clear}'],
  // A hub address (http://192.168.1.10:5190 or a host name): one layer with what an address is made of.
  address: ['1 2 3 4 5 6 7 8 9 0', 'q w e r t y u i o p', 'a s d f g h j k l -', 'z x c v b n m _ {bksp}', 'http:// https:// : / . {clear}'],
  // An enrollment code as the hub prints it: capital letters, digits and the dash.
  code: ['1 2 3 4 5 6 7 8 9 0', 'Q W E R T Y U I O P', 'A S D F G H J K L -', 'Z X C V B N M {bksp}', '{clear}'],
};

const keyNames: Record<string, { label: Bilingual; display: Bilingual }> = {
  '{bksp}': { label: { ru: 'Стереть', en: 'Backspace' }, display: { ru: '⌫', en: '⌫' } },
  '{space}': { label: { ru: 'Пробел', en: 'Space' }, display: { ru: 'пробел', en: 'space' } },
  '{clear}': { label: { ru: 'Очистить', en: 'Clear' }, display: { ru: 'Очистить', en: 'Clear' } },
  '{ru}': { label: { ru: 'Русские буквы', en: 'Russian letters' }, display: { ru: 'АБВ', en: 'АБВ' } },
  '{en}': { label: { ru: 'Английские буквы', en: 'English letters' }, display: { ru: 'ABC', en: 'ABC' } },
  '{digits}': { label: { ru: 'Цифры и знаки', en: 'Digits and symbols' }, display: { ru: '123', en: '123' } },
};

const buttonTheme: KeyboardButtonTheme[] = [
  { class: 'key-function', buttons: '{bksp} {clear} {ru} {en} {digits} http:// https://' },
  { class: 'key-space', buttons: '{space}' },
];

const layoutKeys: Record<string, KeyboardLayoutName> = { '{ru}': 'ru', '{en}': 'en', '{digits}': 'digits' };

export type KeyboardAction = { type: 'insert'; text: string } | { type: 'backspace' } | { type: 'clear' };

/**
 * The kiosk's own keyboard (a public touchscreen has no physical one, and the system keyboard must never pop up):
 * Russian ЙЦУКЕН, English QWERTY and digits/symbols, each key a real button with a name in the visitor's language.
 * Staff also type a hub address (`mode="address"`) and an enrollment code (`mode="code"`), each on a layer of its own.
 * The text itself stays with the caller; the keyboard only reports what was pressed.
 */
export function OnScreenKeyboard({ onAction, mode = 'text' }: { onAction: (action: KeyboardAction) => void; mode?: KeyboardMode }) {
  const { language } = useI18n();
  const [layout, setLayout] = useState<KeyboardLayoutName>(language);
  // Switching the kiosk's language also switches the letters (adjusting state while rendering, not in an effect).
  const [layoutLanguage, setLayoutLanguage] = useState<Language>(language);
  if (layoutLanguage !== language) {
    setLayoutLanguage(language);
    setLayout(language);
  }

  // simple-keyboard redraws every key whenever an option changes identity, so every option is kept stable and the
  // latest callback is read through a ref.
  const actionRef = useRef(onAction);
  useLayoutEffect(() => {
    actionRef.current = onAction;
  }, [onAction]);

  const display = useMemo(() => Object.fromEntries(Object.entries(keyNames).map(([key, names]) => [key, names.display[language]])), [language]);
  const buttonAttributes = useMemo<KeyboardButtonAttributes[]>(
    () => [
      { attribute: 'type', value: 'button' },
      ...Object.entries(keyNames).map(([key, names]) => ({ attribute: 'aria-label', value: names.label[language], buttons: key })),
    ],
    [language],
  );
  const onKeyPress = useMemo(
    () => (button: string) => {
      const target = layoutKeys[button];
      if (target) setLayout(target);
      else if (button === '{bksp}') actionRef.current({ type: 'backspace' });
      else if (button === '{clear}') actionRef.current({ type: 'clear' });
      else if (button === '{space}') actionRef.current({ type: 'insert', text: ' ' });
      else if (!button.startsWith('{')) actionRef.current({ type: 'insert', text: button });
    },
    [],
  );

  return (
    <div className="osk" role="group" aria-label={language === 'ru' ? 'Экранная клавиатура' : 'On-screen keyboard'}>
      <KeyboardReact
        theme="hg-theme-default osk-theme"
        layout={layouts}
        layoutName={mode === 'text' ? layout : mode}
        display={display}
        buttonTheme={buttonTheme}
        buttonAttributes={buttonAttributes}
        onKeyPress={onKeyPress}
        useButtonTag
        // A resting finger must not repeat a letter; "Clear" empties the text in one tap instead.
        disableButtonHold
        // The text lives with the caller, which appends at the end: no caret bookkeeping inside the keyboard.
        disableCaretPositioning
        preventMouseDownDefault
      />
    </div>
  );
}
