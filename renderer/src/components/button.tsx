/** The one button: variants by class, a spinner while `busy` (and then not clickable). */
import type { ButtonHTMLAttributes, ReactNode } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'small' | 'normal';
  busy?: boolean;
  icon?: ReactNode;
}

export function Button({ variant = 'secondary', size = 'normal', busy = false, icon, children, className, disabled, type = 'button', ...props }: ButtonProps) {
  const classes = ['button', `button--${variant}`, size === 'small' ? 'button--small' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button type={type} className={classes} disabled={disabled === true || busy} aria-busy={busy || undefined} {...props}>
      {busy ? <span className="spinner spinner--inline" aria-hidden="true" /> : icon}
      {children === undefined ? null : <span>{children}</span>}
    </button>
  );
}
