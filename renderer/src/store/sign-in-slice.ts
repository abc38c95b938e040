/**
 * Sign in with Google: start (the consent page opens in the browser), poll until the loopback
 * redirect completes it, or finish by pasting the address the browser ended on.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-state.js';
import type { StoreDependencies } from './store-dependencies.js';
import type { SignInView } from './view-types.js';

export interface SignInState {
  view: SignInView | null;
  starting: boolean;
  submitting: boolean;
  /** The last refusal (start failed, pasted address unusable); the sign-in may still go on. */
  error: string | null;
}

export interface SignInSlice {
  signIn: SignInState;
  startSignIn(): Promise<void>;
  pollSignIn(): Promise<void>;
  completeSignIn(input: string): Promise<void>;
  cancelSignIn(): Promise<void>;
  resetSignIn(): void;
}

const idle: SignInState = { view: null, starting: false, submitting: false, error: null };

export function createSignInSlice(deps: StoreDependencies): StateCreator<AppState, [], [], SignInSlice> {
  const { bridge } = deps;
  return (set, get) => {
    const update = (patch: Partial<SignInState>) => set((state) => ({ signIn: { ...state.signIn, ...patch } }));
    const settle = (view: SignInView) => {
      update({ view, submitting: false, error: view.status === 'failed' ? view.error : null });
      if (view.status === 'succeeded') {
        void get().loadAccounts();
        void get().loadStatus();
        if (view.email !== null) get().notify('success', view.email);
      }
    };
    return {
      signIn: idle,

      async startSignIn() {
        update({ ...idle, starting: true });
        try {
          const started = await bridge.api.startGoogleSignIn({});
          const { notice: _notice, ...view } = started;
          update({ view, starting: false });
          // On desktop the main process opens the consent page itself (shell.openExternal).
          if (bridge.kind === 'http') deps.openExternal(view.authorize_url);
        } catch (error) {
          update({ starting: false, error: get().reportError(error) });
        }
      },

      async pollSignIn() {
        const view = get().signIn.view;
        if (view === null || view.status !== 'pending') return;
        try {
          settle(await bridge.api.getGoogleSignIn({ login_id: view.login_id }));
        } catch (error) {
          update({ error: get().reportError(error) });
        }
      },

      async completeSignIn(input) {
        const view = get().signIn.view;
        if (view === null) return;
        update({ submitting: true, error: null });
        try {
          settle(await bridge.api.completeGoogleSignIn({ login_id: view.login_id, input: input.trim() }));
        } catch (error) {
          // Unusable input leaves the sign-in waiting: the user may paste again.
          update({ submitting: false, error: get().reportError(error) });
        }
      },

      async cancelSignIn() {
        const view = get().signIn.view;
        set({ signIn: idle });
        if (view === null || view.status !== 'pending') return;
        try {
          await bridge.api.cancelGoogleSignIn({ login_id: view.login_id });
        } catch {
          // Already over on the server: nothing to cancel.
        }
      },

      resetSignIn() {
        set({ signIn: idle });
      },
    };
  };
}
