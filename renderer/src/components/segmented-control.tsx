/** A choice of a few options shown side by side (radio buttons styled as one control). */
export function SegmentedControl<Value extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  hideLegend = false,
}: {
  legend: string;
  name: string;
  value: Value;
  options: ReadonlyArray<{ value: Value; label: string }>;
  onChange: (value: Value) => void;
  hideLegend?: boolean;
}) {
  return (
    <fieldset className="segmented">
      <legend className={hideLegend ? 'visually-hidden' : 'field__label'}>{legend}</legend>
      <div className="segmented__options">
        {options.map((option) => (
          <label key={option.value} className={value === option.value ? 'segmented__option segmented__option--selected' : 'segmented__option'}>
            <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
