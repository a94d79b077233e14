/**
 * The last line of defence in the page: a rendering bug shows a message and a way back instead of
 * a blank window. Notebook data lives in the backend, so reloading the view loses nothing saved.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Dossier view failed', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <main className="welcome" role="alert">
        <h1>This view stopped working</h1>
        <p>Everything you saved is safe in the notebook on disk. Reload the view to continue.</p>
        <pre className="error-detail">{this.state.error.message}</pre>
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          Reload view
        </button>
      </main>
    );
  }
}
