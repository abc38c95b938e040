/** Copies a value (or one fetched on demand, such as the full API key) and says so. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from '../util/copy-text.js';
import { Button, type ButtonProps } from './button.js';
import { CheckIcon, CopyIcon } from './icons.js';

export interface CopyButtonProps extends Omit<ButtonProps, 'onClick' | 'value'> {
  /** The text, or a function producing it (null = nothing to copy). */
  value: string | (() => Promise<string | null>);
  /** Accessible name, e.g. "Copy base URL"; the visible text is "Copy" unless `label` is given. */
  ariaLabel?: string;
  label?: string;
}

export function CopyButton({ value, ariaLabel, label, size = 'small', variant = 'ghost', ...props }: CopyButtonProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'busy' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state !== 'copied' && state !== 'failed') return;
    const timer = setTimeout(() => setState('idle'), 1800);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    setState('busy');
    const text = typeof value === 'string' ? value : await value();
    if (text === null) {
      setState('failed');
      return;
    }
    setState((await copyText(text)) ? 'copied' : 'failed');
  };

  const text = state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : (label ?? t('common.copy'));
  return (
    <Button
      {...props}
      size={size}
      variant={variant}
      busy={state === 'busy'}
      icon={state === 'copied' ? <CheckIcon /> : <CopyIcon />}
      aria-label={ariaLabel}
      onClick={() => void copy()}
    >
      <span aria-live="polite">{text}</span>
    </Button>
  );
}
