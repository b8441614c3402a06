/**
 * Every string the annotator app shows. The console merges these with react-admin's own English
 * messages (keys under `tessera.`). Placeholders use %{name}.
 */
export const en = {
  tessera: {
    app: { name: 'Tessera', tagline: 'Label data, earn tokens' },
    signIn: {
      title: 'Sign in with your wallet',
      explain: 'Tessera asks your wallet to sign a message (EIP-4361). Signing costs nothing and sends no transaction.',
      button: 'Sign in with wallet',
      working: 'Waiting for your wallet…',
      signOut: 'Sign out',
      signedInAs: 'Signed in as %{address}',
      noWallet: 'No Ethereum wallet found in this browser. Install a wallet extension (for example MetaMask) and reload.',
      wrongChain: 'Your wallet is on chain %{actual}; Tessera uses chain %{expected}. Switch networks in your wallet and try again.',
      rejected: 'You declined the signature in your wallet. Nothing was signed.',
      expired: 'Your session has expired. Sign in again to continue.',
      failed: 'Sign-in failed: %{message}',
    },
    label: {
      projects: 'Projects',
      noProjects: 'No projects are open for labeling right now. Check back later.',
      start: 'Start labeling',
      reward: '%{reward} tokens per accepted label',
      progress: '%{done} labeled · %{remaining} left',
      instructions: 'Instructions',
      showInstructions: 'Show instructions',
      hideInstructions: 'Hide instructions',
      submit: 'Submit',
      skip: 'Skip',
      undo: 'Undo',
      back: 'All projects',
      leaseLeft: 'Time left: %{time}',
      leaseExpired: 'Your time on this item ran out; it went back to the pool.',
      nextItem: 'Next item',
      nothingLeft: 'Nothing left to label in this project. Thank you!',
      loading: 'Loading…',
      saving: 'Saving draft…',
      saved: 'Draft saved',
      offline: 'Connection lost: your label is kept and will be sent when the connection is back.',
      retrying: 'Sending again…',
      invalid: 'This label cannot be submitted: %{message}',
      shortcuts: 'Shortcuts: 1-9 choose a label · Enter submit · S skip · Ctrl+Z undo',
      chooseLabel: 'Choose a label',
      selected: 'selected',
      spansHelp: 'Select text, then press a label key (1-9) or click a label.',
      boxesHelp:
        'Drag on the image to draw a box; drag a box to move it, its corner to resize it. Keys 1-9 label the selected box, Delete removes it.',
      textHelp: 'Type your answer.',
      textPlaceholder: 'Your answer',
      removeRegion: 'Remove %{name}',
      box: 'Box %{index}: %{label}',
      span: '“%{text}” as %{label}',
      image: 'Image to label',
      nothingSelected: 'Nothing selected yet',
    },
    errors: {
      network: 'The server cannot be reached.',
      unknown: 'Something went wrong: %{message}',
    },
  },
};

export type Messages = typeof en;
