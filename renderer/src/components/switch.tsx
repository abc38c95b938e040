/** An on/off setting: a button with role="switch", its label and description beside it. */
import type { ReactNode } from 'react';

export interface SwitchProps {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: ReactNode;
  description?: ReactNode;
  disabled?: boolean;
}

export function Switch({ id, checked, onChange, label, description, disabled }: SwitchProps) {
  const descriptionId = description === undefined ? undefined : `${id}-description`;
  return (
    <div className="switch-row">
      <button
        id={id}
        type="button"
        role="switch"
        aria-checked={checked}
        aria-describedby={descriptionId}
        className="switch"
        disabled={disabled}
        onClick={() => onChange(!checked)}
      >
        <span className="switch__thumb" aria-hidden="true" />
      </button>
      <div className="switch-row__text">
        <label htmlFor={id} className="switch-row__label">
          {label}
        </label>
        {description === undefined ? null : (
          <p id={descriptionId} className="switch-row__description">
            {description}
          </p>
        )}
      </div>
    </div>
  );
}
