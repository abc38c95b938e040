/** A page that throws while rendering shows a message and a way back, not a blank window. */
import { Component, type ReactNode } from 'react';

export class ErrorBoundary extends Component<{ fallback: (error: Error, reset: () => void) => ReactNode; children: ReactNode; resetKey?: string }, { error: Error | null; resetKey?: string }> {
  override state: { error: Error | null; resetKey?: string } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey?: string }, state: { error: Error | null; resetKey?: string }) {
    // Moving to another page clears the error.
    if (props.resetKey !== state.resetKey) return { error: null, resetKey: props.resetKey };
    return null;
  }

  override render() {
    if (this.state.error !== null) return this.props.fallback(this.state.error, () => this.setState({ error: null }));
    return this.props.children;
  }
}
